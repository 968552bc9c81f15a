using PumpWatch.Core.Alerts;
using PumpWatch.Core.Evaluation;
using PumpWatch.Core.Readings;
using PumpWatch.Simulator;

namespace PumpWatch.Cli.Demo;

/// <summary>
/// What the demo found, as printed and written by <c>--summary-json</c>: each injected fault with whether and how soon it
/// was detected (judged by <see cref="DetectionEvaluation"/>, as a backtest is), the false alerts, and the silence events.
/// </summary>
internal sealed record DemoSummary(IReadOnlyList<DemoFault> Faults, IReadOnlyList<DemoFalseAlert> FalseAlerts, IReadOnlyList<DemoSilence> Silences)
{
    public string? ModelId { get; init; }

    public string? Database { get; init; }

    public long Readings { get; init; }

    public long Windows { get; init; }

    public long Quarantined { get; init; }

    /// <summary>One row per fault kind and onset (<see cref="DetectionReport.ByKind"/>).</summary>
    public IReadOnlyList<FaultKindSummary> ByKind { get; init; } = [];

    public static DemoSummary Build(IReadOnlyList<FaultSpec> faults, IReadOnlyList<Alert> alerts, DateTimeOffset runEnd, double pumpDays)
    {
        var labelled = faults.Select(f => new FaultInterval(f.PumpId, f.Kind.Name(), f.Sensor, EventTime.FromDateTimeOffset(f.Start), EventTime.FromDateTimeOffset(f.End),
            EventTime.FromDateTimeOffset(f.RampEnd))).ToList();
        var opened = alerts.Where(a => a.Kind == AlertEventKind.Opened)
            .Select(a => new OpenedAlert(a.AlertId, a.PumpId, a.WindowStart, a.WindowEnd, a.Score, a.Severity.ToString().ToLowerInvariant())).ToList();
        var report = DetectionEvaluation.Evaluate(labelled, opened, EventTime.FromDateTimeOffset(runEnd), pumpDays);
        return new DemoSummary(
            report.Faults.Select(f => new DemoFault(f.Fault.PumpId, f.Fault.Kind, f.Fault.Sensor, EventTime.Format(f.Fault.Start), EventTime.Format(f.ClippedEnd),
                f.ActiveMinutes, f.Detected, f.FirstAlert is { } a ? EventTime.Format(a.WindowEnd) : null, f.DelayMinutes, f.FirstAlert?.AlertId)).ToList(),
            report.FalseAlerts.Select(a => new DemoFalseAlert(a.AlertId, a.PumpId, EventTime.Format(a.WindowEnd), a.Score, a.Severity)).ToList(),
            alerts.Where(a => a.Kind == AlertEventKind.PumpSilent).Select(a => new DemoSilence(a.AlertId, a.PumpId, EventTime.Format(a.WindowStart), EventTime.Format(a.WindowEnd))).ToList())
        {
            ByKind = report.ByKind(),
        };
    }
}
