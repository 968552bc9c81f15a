using PumpWatch.Cli.Commands;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Evaluation;

/// <summary>The NAB machine-temperature run in evaluation.json: the settings, each failure's outcome, and every false alert over the series.</summary>
internal sealed record NabResult(string Folder, string Window, string TrainedTo, double Days, long Windows, double Threshold, int Failures, int Detected,
    IReadOnlyList<NabFailure> Outcomes, int FalseAlerts, IReadOnlyList<string> FalseAlertTimes)
{
    public static NabResult From(NabRun run)
    {
        var r = run.Report;
        var outcomes = r.Faults.Select(f => new NabFailure(EventTime.Format(f.Fault.Start), EventTime.Format(f.Fault.End), f.Detected,
            f.FirstAlert is { } a ? EventTime.Format(a.WindowEnd) : null, f.DelayMinutes,
            f.FirstAlert is { } b ? (b.WindowEnd - ((f.Fault.Start + f.Fault.End) / 2)) / 60e6 : null)).ToList();
        return new NabResult(run.Folder, Durations.Format(run.Window), EventTime.Format(run.TrainedTo), r.PumpDays, run.ScoredWindows, run.Model.Threshold.Value,
            r.Faults.Count, r.Detected, outcomes, r.FalseAlerts.Count, [.. r.FalseAlerts.Select(a => EventTime.Format(a.WindowEnd))]);
    }
}
