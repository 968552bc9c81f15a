namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>Values of Table.TableStatus (enum TableStatus). Strings, as on the wire, so a value added later still parses.</summary>
public static class TableStatus
{
    public const string Active = "ACTIVE";

    public const string Deleting = "DELETING";
}
