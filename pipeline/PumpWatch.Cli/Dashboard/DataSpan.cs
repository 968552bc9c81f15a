namespace PumpWatch.Cli.Dashboard;

/// <summary>
/// What a store holds, read at each request since a live store grows: the earliest and newest instant of its readings
/// and windows (their starts), row counts, and its pumps in natural order (2 before 10) when asked for (they take a
/// scan of the readings); <see cref="PumpCount"/> counts the pumps with windows, which is cheap and enough to size buckets.
/// </summary>
internal sealed record DataSpan(DateTime First, DateTime Last, long Readings, long Windows, long Alerts, long Quarantined, long PumpCount, IReadOnlyList<string>? Pumps)
{
    public bool IsEmpty => Readings == 0 && Windows == 0;
}
