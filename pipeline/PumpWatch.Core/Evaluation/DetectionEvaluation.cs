namespace PumpWatch.Core.Evaluation;

/// <summary>
/// The one place that judges a run against its labelled faults, for the demo's summary and the backtest's metrics alike:
/// a fault is detected by the first opened alert whose window overlaps it (within the run); an opened alert that
/// overlaps no fault of its pump is false.
/// </summary>
public static class DetectionEvaluation
{
    /// <param name="faults">Labelled faults; those starting at or after <paramref name="runEnd"/> are left out.</param>
    /// <param name="opened">Opened alerts (not escalations, resolutions or silence events).</param>
    /// <param name="runEnd">End of the data (exclusive): faults are clipped to it.</param>
    /// <param name="pumpDays">Pump-days of data, for the false-alert rate.</param>
    public static DetectionReport Evaluate(IReadOnlyList<FaultInterval> faults, IReadOnlyList<OpenedAlert> opened, long runEnd, double pumpDays)
    {
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(opened);
        var byPump = opened.GroupBy(a => a.PumpId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(a => a.WindowEnd).ToList(), StringComparer.Ordinal);
        var outcomes = new List<FaultOutcome>();
        foreach (var fault in faults)
        {
            if (fault.Start >= runEnd)
            {
                continue;
            }

            var end = Math.Min(fault.End, runEnd);
            var first = byPump.TryGetValue(fault.PumpId, out var alerts) ? alerts.Find(a => a.WindowEnd > fault.Start && a.WindowStart < end) : null;
            outcomes.Add(new FaultOutcome(fault, end, first));
        }

        var falseAlerts = opened.Where(a => !faults.Any(f => f.Overlaps(a.PumpId, a.WindowStart, a.WindowEnd))).ToList();
        return new DetectionReport(outcomes, falseAlerts, opened.Count, pumpDays);
    }
}
