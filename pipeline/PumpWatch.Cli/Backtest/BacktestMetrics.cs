using PumpWatch.Core.Evaluation;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Backtest;

/// <summary>
/// Backtest results as written to metrics.json. Point-wise over scored windows (<see cref="WindowConfusion"/>):
/// precision, recall, F1, false-alarm rate FP/(FP+TN), missed-alarm rate FN/(FN+TP). Event-level over labelled
/// faults (<see cref="DetectionEvaluation"/>): detected when an opened alert's window overlaps the interval;
/// delay = first alert window end - interval start; lead = interval end - first alert window end (time left to act);
/// false alerts are opened alerts overlapping no interval of their pump, per pump-day of data. <c>by_kind</c> has a row
/// per fault kind and onset, <c>totals</c> the same over every kind (<see cref="FaultKindSummary"/>).
/// </summary>
internal sealed record BacktestMetrics(
    bool Labelled, int Pumps, long Windows, long PartialWindows, long TruePositives, long FalsePositives, long FalseNegatives, long TrueNegatives,
    double? Precision, double? Recall, double? F1, double? FalseAlarmRate, double? MissedAlarmRate,
    int Events, int EventsDetected, double? MedianDetectionDelayMinutes, double? MedianLeadTimeMinutes,
    int Alerts, int FalseAlerts, double PumpDays, double? FalseAlertsPerPumpDay, IReadOnlyList<BacktestFault> Faults,
    IReadOnlyList<FaultKindSummary> ByKind, IReadOnlyList<FaultKindSummary> Totals)
{
    /// <summary>The figures from the window counts and the event-level report; without labels every label-dependent figure is null.</summary>
    public static BacktestMetrics From(WindowConfusion c, DetectionReport report, bool labelled, long partialWindows, int pumps)
    {
        ArgumentNullException.ThrowIfNull(report);
        double? L(double v) => labelled ? v : null;
        var faults = report.Faults.Select(f => new BacktestFault(f.Fault.PumpId, f.Fault.Kind, f.Fault.Sensor, EventTime.Format(f.Fault.Start),
            f.Fault.IsOpenEnded ? null : EventTime.Format(f.Fault.End), f.Detected, f.FirstAlert is { } a ? EventTime.Format(a.WindowEnd) : null,
            f.DelayMinutes, f.LeadMinutes, f.FirstAlert?.AlertId, f.Fault.Onset, f.Fault.RampEnd is { } r ? EventTime.Format(r) : null, f.RampShare)).ToList();
        return new BacktestMetrics(labelled, pumps, c.Total, partialWindows, c.TruePositives, c.FalsePositives, c.FalseNegatives, c.TrueNegatives,
            L(c.Precision), L(c.Recall), L(c.F1), L(c.FalseAlarmRate), L(c.MissedAlarmRate),
            report.Faults.Count, report.Detected, report.MedianDelayMinutes, report.MedianLeadMinutes,
            report.Alerts, report.FalseAlerts.Count, report.PumpDays, L(report.FalseAlertsPerPumpDay), faults,
            labelled ? report.ByKind() : [], labelled ? report.Totals() : []);
    }
}
