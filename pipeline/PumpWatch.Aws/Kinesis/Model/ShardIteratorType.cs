namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>Values of GetShardIteratorRequest.ShardIteratorType (enum ShardIteratorType in the model). Strings, as on the wire, so a value added later still parses.</summary>
public static class ShardIteratorType
{
    public const string AtSequenceNumber = "AT_SEQUENCE_NUMBER";

    public const string AfterSequenceNumber = "AFTER_SEQUENCE_NUMBER";

    public const string TrimHorizon = "TRIM_HORIZON";

    public const string Latest = "LATEST";

    public const string AtTimestamp = "AT_TIMESTAMP";
}
