namespace PumpWatch.Cli.Dashboard;

/// <summary>
/// What a store holds, read at each request since a live store grows: the earliest and newest instant of its readings
/// and windows (their starts), row counts, and its pumps in natural order (2 before 10).
/// </summary>
internal sealed record DataSpan(DateTime First, DateTime Last, long Readings, long Windows, long Alerts, long Quarantined, IReadOnlyList<string> Pumps)
{
    public bool IsEmpty => Readings == 0 && Windows == 0;
}
