namespace PumpWatch.Aws.Timestream.Query.Model;

/// <summary>Values of Type.ScalarType (enum ScalarType in timestream-query). Strings, as on the wire.</summary>
public static class ScalarType
{
    public const string Varchar = "VARCHAR";

    public const string Boolean = "BOOLEAN";

    public const string Bigint = "BIGINT";

    public const string Double = "DOUBLE";

    public const string Timestamp = "TIMESTAMP";

    public const string Date = "DATE";

    public const string Time = "TIME";

    public const string IntervalDayToSecond = "INTERVAL_DAY_TO_SECOND";

    public const string IntervalYearToMonth = "INTERVAL_YEAR_TO_MONTH";

    public const string Unknown = "UNKNOWN";

    public const string Integer = "INTEGER";
}
