using System.Globalization;
using PumpWatch.Core.Evaluation;
using PumpWatch.Core.Readings;
using PumpWatch.Simulator;

namespace PumpWatch.Cli.Evaluation;

/// <summary>
/// A group of fleet seeds (tuning or held-out) judged as one: per fault kind and onset, totals, false alerts per
/// evaluated pump-day with their likely causes, each seed's figures, each fault's outcome and each false alert.
/// </summary>
internal sealed record SeedGroupResult(string Name, IReadOnlyList<int> Seeds, int Faults, int Detected, double? DetectionRate,
    IReadOnlyList<FaultKindSummary> ByKind, IReadOnlyList<FaultKindSummary> Totals, int FalseAlerts, double PumpDays, double FalseAlertsPerPumpDay,
    IReadOnlyList<FalseAlertCause> FalseAlertCauses, IReadOnlyList<SeedRunResult> Runs, IReadOnlyList<FleetFaultResult> FaultOutcomes, IReadOnlyList<FleetFalseAlert> FalseAlertList)
{
    public static SeedGroupResult From(string name, IReadOnlyList<FleetRun> runs)
    {
        var all = DetectionReport.Combine(runs.Select(r => r.Report));
        var falseAlerts = runs.SelectMany(r => r.Report.FalseAlerts.Select(a => new FleetFalseAlert(r.Seed, a.PumpId, EventTime.Format(a.WindowEnd), a.Score,
            Evaluation.FalseAlertCauses.Of(a, (r.Scenario.Plan?.Events ?? []).Where(e => e.PumpId == a.PumpId)), a.Evidence))).ToList();
        var causes = Evaluation.FalseAlertCauses.Count(falseAlerts.Select(a => a.Cause));
        var seeds = runs.Select(r => new SeedRunResult(r.Seed, r.Readings, r.ScoredWindows, r.Model.Training.Rows, r.Model.Threshold.Value, r.Report.Faults.Count,
            r.Report.Detected, r.Report.FalseAlerts.Count, r.Report.PumpDays, r.Report.FalseAlertsPerPumpDay, r.Wall.TotalSeconds)).ToList();
        return new SeedGroupResult(name, [.. runs.Select(r => r.Seed)], all.Faults.Count, all.Detected, all.Faults.Count > 0 ? all.Detected / (double)all.Faults.Count : null,
            all.ByKind(), all.Totals(), all.FalseAlerts.Count, all.PumpDays, all.FalseAlertsPerPumpDay, causes, seeds, [.. runs.SelectMany(Outcomes)], falseAlerts);
    }

    private static IEnumerable<FleetFaultResult> Outcomes(FleetRun run)
    {
        var specs = run.Scenario.Faults!.ToDictionary(f => (f.PumpId, EventTime.FromDateTimeOffset(f.Start), f.Kind.Name()));
        foreach (var o in run.Report.Faults)
        {
            var f = specs[(o.Fault.PumpId, o.Fault.Start, o.Fault.Kind)];
            yield return new FleetFaultResult(run.Seed, f.PumpId, o.Fault.Kind, f.Sensor, o.Fault.Onset, f.Severity, Time(f.Start), Time(f.RampEnd), Time(f.End),
                f.EndedByMaintenance ? "maintenance" : "run_end", o.Detected, o.FirstAlert is { } a ? EventTime.Format(a.WindowEnd) : null, o.DelayMinutes, o.RampShare);
        }
    }

    private static string Time(DateTimeOffset t) => EventTime.Format(EventTime.FromDateTimeOffset(t));
}
