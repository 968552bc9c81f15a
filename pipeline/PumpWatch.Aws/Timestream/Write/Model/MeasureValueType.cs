namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>Values of Record.MeasureValueType and MeasureValue.Type (enum MeasureValueType in timestream-write). Strings, as on the wire.</summary>
public static class MeasureValueType
{
    public const string Double = "DOUBLE";

    public const string Bigint = "BIGINT";

    public const string Varchar = "VARCHAR";

    public const string Boolean = "BOOLEAN";

    public const string Timestamp = "TIMESTAMP";

    public const string Multi = "MULTI";
}
