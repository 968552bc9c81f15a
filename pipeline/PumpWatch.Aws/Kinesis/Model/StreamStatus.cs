namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>Values of StreamDescriptionSummary.StreamStatus (enum StreamStatus in the model). Strings, as on the wire, so a value added later still parses.</summary>
public static class StreamStatus
{
    public const string Creating = "CREATING";

    public const string Deleting = "DELETING";

    public const string Active = "ACTIVE";

    public const string Updating = "UPDATING";
}
