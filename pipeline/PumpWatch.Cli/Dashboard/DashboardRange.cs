namespace PumpWatch.Cli.Dashboard;

/// <summary>
/// A time range the page offers: the last 15 minutes, hour or 6 hours of the data, or all of it. "Last" counts back from
/// the newest reading in the store, not from the wall clock, so a replayed or simulated history shows as it does live.
/// </summary>
internal sealed record DashboardRange(string Name, TimeSpan? Span)
{
    public static IReadOnlyList<DashboardRange> Choices { get; } =
    [
        new("15m", TimeSpan.FromMinutes(15)), new("1h", TimeSpan.FromHours(1)), new("6h", TimeSpan.FromHours(6)), new("all", null),
    ];

    // Bucket widths a chart reads easily; each divides a day, so DuckDB's time_bucket (origin 2000-01-03) and a plain
    // epoch division put the same readings together.
    private static readonly long[] NiceSeconds = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

    public static DashboardRange? Parse(string? name) => Choices.FirstOrDefault(r => r.Name == (string.IsNullOrEmpty(name) ? "all" : name));

    /// <summary>
    /// The range over data spanning <paramref name="span"/>, with a bucket width that gives each of
    /// <paramref name="series"/> lines between 60 and 600 points, about 4000 in all (a chart's width in pixels, and
    /// what keeps an answer over millions of readings small).
    /// </summary>
    public PanelRequest Resolve(DataSpan span, int series, IReadOnlyList<string> pumps, string sensor)
    {
        ArgumentNullException.ThrowIfNull(span);
        var to = span.Last.AddTicks(TimeSpan.TicksPerMicrosecond);
        var from = Span is { } back ? to - back : span.First;
        var points = Math.Clamp(4000 / Math.Max(1, series), 60, 600);
        var wanted = Math.Max(1, (long)Math.Ceiling((to - from).TotalSeconds / points));
        var bucket = NiceSeconds.FirstOrDefault(s => s >= wanted);
        bucket = bucket > 0 ? bucket : 86400 * (long)Math.Ceiling(wanted / 86400.0);
        return new PanelRequest(this, from, to, bucket * 1_000_000, pumps, sensor);
    }
}
