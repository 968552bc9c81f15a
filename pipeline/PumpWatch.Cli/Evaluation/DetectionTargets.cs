using PumpWatch.Core.Evaluation;

namespace PumpWatch.Cli.Evaluation;

/// <summary>
/// The detection targets of the project's detection-quality issue, judged on the held-out seeds (never the tuning
/// seeds) and on NAB, with the detector's defaults: a simulated fleet of at least 100 pumps over at least 3 days with
/// at least 90% of injected faults detected, at most 0.1 false alerts per pump-day, a median delay of at most 15 minutes
/// for abrupt faults and before 25% of the ramp for gradual ones; on NAB all 4 failures detected and at most 2 false
/// alerts over the whole series.
/// </summary>
internal static class DetectionTargets
{
    public static IReadOnlyList<TargetResult> Judge(FleetSettings? fleet, SeedGroupResult? heldOut, NabResult? nab)
    {
        var targets = new List<TargetResult>();
        if (fleet is not null && heldOut is not null)
        {
            var basis = $"held-out seeds {string.Join(", ", heldOut.Seeds)}";
            var big = fleet.Pumps >= 100 && fleet.Duration >= TimeSpan.FromDays(3);
            targets.Add(new TargetResult("fleet of at least 100 pumps over at least 3 days", $"{fleet.Pumps} pumps x {fleet.Duration.TotalDays:0.##} days", fleet.Pumps, big));
            targets.Add(new TargetResult("at least 90% of injected faults detected", basis, heldOut.DetectionRate, heldOut.DetectionRate >= 0.9));
            targets.Add(new TargetResult("at most 0.1 false alerts per pump-day", basis, heldOut.FalseAlertsPerPumpDay, heldOut.FalseAlertsPerPumpDay <= 0.1));
            var abrupt = Total(heldOut, "abrupt")?.MedianDelayMinutes;
            targets.Add(new TargetResult("median detection delay of abrupt faults at most 15 minutes", basis, abrupt, abrupt is { } a ? a <= 15 : null));
            var gradual = Total(heldOut, "gradual")?.MedianRampShare;
            targets.Add(new TargetResult("median detection of gradual faults before 25% of the ramp", basis, gradual, gradual is { } g ? g < 0.25 : null));
        }

        if (nab is not null)
        {
            targets.Add(new TargetResult($"NAB machine temperature: all {nab.Failures} failures detected", "NAB (development data: also what is tuned on)", nab.Detected, nab.Detected == nab.Failures));
            targets.Add(new TargetResult("NAB machine temperature: at most 2 false alerts over the series", "NAB", nab.FalseAlerts, nab.FalseAlerts <= 2));
        }

        return targets;
    }

    private static FaultKindSummary? Total(SeedGroupResult group, string onset) => group.Totals.FirstOrDefault(t => t.Kind == "all" && t.Onset == onset);
}
