namespace PumpWatch.Cli.Dashboard;

/// <summary>Bucket widths for charts over time: the smallest readable width that keeps a line to a given number of points.</summary>
internal static class TimeBuckets
{
    // Widths a chart reads easily; each divides a day, so DuckDB's time_bucket (origin 2000-01-03) and a plain epoch
    // division put the same instants together. Past a day, whole days.
    private static readonly long[] NiceSeconds = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

    /// <summary>The bucket width in microseconds that cuts <paramref name="span"/> into at most <paramref name="points"/> buckets.</summary>
    public static long WidthMicros(TimeSpan span, int points)
    {
        var wanted = Math.Max(1, (long)Math.Ceiling(span.TotalSeconds / Math.Max(1, points)));
        var seconds = NiceSeconds.FirstOrDefault(s => s >= wanted);
        seconds = seconds > 0 ? seconds : 86400 * (long)Math.Ceiling(wanted / 86400.0);
        return seconds * 1_000_000;
    }
}
