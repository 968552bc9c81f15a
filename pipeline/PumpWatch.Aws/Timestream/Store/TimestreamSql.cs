using System.Globalization;

namespace PumpWatch.Aws.Timestream.Store;

/// <summary>Pieces of Timestream SQL built from values, never spliced: quoted identifiers and literals, and timestamps from event time.</summary>
internal static class TimestreamSql
{
    /// <summary>A double-quoted identifier (a quote inside doubled), so names such as <c>vibration.mean</c> or <c>time</c> are safe.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A single-quoted string literal (a quote inside doubled).</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Table(string database, string table) => Identifier(database) + "." + Identifier(table);

    /// <summary>
    /// An event time (microseconds) as a TIMESTAMP expression: <c>from_nanoseconds</c>, exact for every time Timestream can
    /// store (up to 2262-04-11); later or earlier bounds are clamped to that range.
    /// </summary>
    public static string Timestamp(long micros)
    {
        var nanos = micros > long.MaxValue / 1000 ? long.MaxValue : micros < 0 ? 0 : micros * 1000;
        return "from_nanoseconds(" + nanos.ToString(CultureInfo.InvariantCulture) + ")";
    }
}
