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

    public static DashboardRange? Parse(string? name) => Choices.FirstOrDefault(r => r.Name == (string.IsNullOrEmpty(name) ? "all" : name));

    /// <summary>
    /// The range over data spanning <paramref name="span"/>, with a bucket width that gives each of
    /// <paramref name="series"/> lines between 60 and 600 points, about 4000 in all (a chart's width in pixels, and
    /// what keeps an answer over millions of readings small).
    /// </summary>
    public PanelRequest Resolve(DataSpan span, int series, IReadOnlyList<string>? pumps, string sensor)
    {
        ArgumentNullException.ThrowIfNull(span);
        var to = span.Last.AddTicks(TimeSpan.TicksPerMicrosecond);
        var from = Span is { } back ? to - back : span.First;
        var points = Math.Clamp(4000 / Math.Max(1, series), 60, 600);
        return new PanelRequest(this, from, to, TimeBuckets.WidthMicros(to - from, points), pumps, sensor);
    }
}
