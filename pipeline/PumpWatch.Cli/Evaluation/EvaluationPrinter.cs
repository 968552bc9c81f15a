using System.Globalization;
using PumpWatch.Cli.Commands;
using PumpWatch.Core.Processing;

namespace PumpWatch.Cli.Evaluation;

/// <summary>What <c>pumpwatch evaluate</c> prints: the scenario, a line per seed, a table per seed group, NAB's failures, the targets.</summary>
internal sealed class EvaluationPrinter(TextWriter output)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public void Scenario(FleetSettings fleet, PipelineOptions options, IReadOnlyList<(string Name, IReadOnlyList<int> Seeds)> groups)
    {
        output.WriteLine(string.Create(C,
            $"Fleet scenario: {fleet.Pumps} pumps x {Durations.Format(fleet.Duration)}, a reading every {Durations.Format(fleet.Interval)}, {fleet.Scenario.FaultRatePerPumpDay} faults per pump-day after a healthy {Durations.Format(fleet.Scenario.HealthyLead)} (trained on), "
            + $"{(fleet.Scenario.HealthyVariation ? "with" : "without")} stops, load changes, sensor swaps and ambient drift; {Durations.Format(options.Windows.Size)} windows; "
            + $"seeds {string.Join("; ", groups.Select(g => $"{g.Name} {string.Join(", ", g.Seeds)}"))}."));
    }

    public void Seed(string group, FleetRun run)
    {
        var r = run.Report;
        output.WriteLine(string.Create(C,
            $"  {group} seed {run.Seed}: {run.Readings} readings, trained on {run.Model.Training.Rows} windows ({Calibration(run.Model)}); {r.Detected} of {r.Faults.Count} faults detected, {r.FalseAlerts.Count} false alerts ({r.FalseAlertsPerPumpDay:0.00} per pump-day); {run.Wall.TotalSeconds:0} s"));
    }

    /// <summary>The threshold, and with an alert budget the k-of-n policy and the rate it gave on the held-out healthy windows.</summary>
    public static string Calibration(Core.Forest.AnomalyModel model) => model.Calibration is { } c
        ? string.Create(C, $"threshold {c.Threshold:0.000}, {c.K} of {c.N} windows; {c.CalibrationAlerts} alerts in {c.CalibrationPumpDays:0.#} held-out pump-days, expected {c.ExpectedPerPumpDay:0.###} per pump-day against a budget of {c.BudgetPerPumpDay:0.###}")
        : string.Create(C, $"threshold {model.Threshold.Value:0.000}");

    public void Group(SeedGroupResult g)
    {
        output.WriteLine();
        output.WriteLine(string.Create(C, $"{g.Name} seeds ({string.Join(", ", g.Seeds)}): {g.Detected} of {g.Faults} faults detected ({g.DetectionRate * 100:0}%); medians over the detected faults:"));
        KindTable.Write(output, [.. g.ByKind, .. g.Totals], "  ");
        output.WriteLine(string.Create(C, $"  false alerts: {g.FalseAlerts} over {g.PumpDays:0} pump-days after the healthy lead = {g.FalseAlertsPerPumpDay:0.000} per pump-day; likely causes:"));
        foreach (var c in g.FalseAlertCauses)
        {
            output.WriteLine(string.Create(C, $"    {c.Cause,-28} {c.FalseAlerts,6} ({(g.FalseAlerts > 0 ? c.FalseAlerts * 100.0 / g.FalseAlerts : 0):0}%)"));
        }

        output.WriteLine();
    }

    public void Nab(NabResult nab)
    {
        output.WriteLine(string.Create(C, $"NAB machine temperature ({nab.Folder}): {nab.Window} windows, trained to {nab.TrainedTo[..16]}, {nab.Windows} windows scored over {nab.Days:0.0} days:"));
        foreach (var f in nab.Outcomes)
        {
            output.WriteLine(f.Detected
                ? string.Create(C, $"  DETECTED  failure window {f.Start[..16]} .. {f.End[..16]}: first alert {f.MinutesAfterWindowStart / 60:0.0} h after the window's start ({f.MinutesAfterWindowMiddle / 60:+0.0;-0.0} h from its middle)")
                : $"  missed    failure window {f.Start[..16]} .. {f.End[..16]}");
        }

        output.WriteLine($"  {nab.Detected} of {nab.Failures} failures detected; {nab.FalseAlerts} false alerts over the series{(nab.FalseAlerts > 0 ? $" (at {string.Join(", ", nab.FalseAlertTimes.Select(t => t[..16]))})" : "")}");
        output.WriteLine();
    }

    public void Targets(IReadOnlyList<TargetResult> targets, bool heldOutMissing)
    {
        output.WriteLine("Targets (held-out seeds and NAB, the detector's defaults):");
        if (heldOutMissing)
        {
            output.WriteLine("  the fleet targets are judged on the held-out seeds only: run with --seeds held-out or all");
        }

        foreach (var t in targets)
        {
            var verdict = t.Met switch { true => "met", false => "NOT MET", _ => "not measured" };
            var measured = t.Measured is { } m ? m.ToString("0.###", C) : "-";
            output.WriteLine($"  {verdict,-12} {t.Target}: {measured} ({t.Basis})");
        }
    }
}
