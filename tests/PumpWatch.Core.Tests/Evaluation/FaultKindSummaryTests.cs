using PumpWatch.Core.Evaluation;

namespace PumpWatch.Core.Tests.Evaluation;

/// <summary>Per-kind aggregation against a small example worked out by hand (the figures in the comments).</summary>
public sealed class FaultKindSummaryTests
{
    private const double Tolerance = 1e-9;
    private const long Minute = 60_000_000;

    // An alert whose window is the minute ending at <paramref name="endMinute"/>.
    private static OpenedAlert AlertAt(string pump, long endMinute) => new($"{pump}@{endMinute}", pump, (endMinute - 1) * Minute, endMinute * Minute, 0.9, "warning");

    private static DetectionReport Example()
    {
        FaultInterval[] faults =
        [
            // bearing_wear, gradual: ramps of 100 and 60 min found after 30 and 45 min (shares 0.30 and 0.75); a third missed.
            new("1", "bearing_wear", null, 0, 500 * Minute, 100 * Minute),
            new("2", "bearing_wear", null, 0, 500 * Minute, 60 * Minute),
            new("3", "bearing_wear", null, 0, 500 * Minute, 120 * Minute),
            // seal_leak, abrupt: found after 10, 20 and 3 min.
            new("4", "seal_leak", null, 0, 500 * Minute, 0),
            new("5", "seal_leak", null, 0, 500 * Minute, 0),
            new("6", "seal_leak", null, 0, 500 * Minute, 0),
            // A label without a ramp (NAB's, or an old labels file): found after 100 min.
            new("7", "labelled", null, 0, 500 * Minute),
        ];
        OpenedAlert[] alerts = [AlertAt("1", 30), AlertAt("2", 45), AlertAt("4", 10), AlertAt("5", 20), AlertAt("6", 3), AlertAt("7", 100), AlertAt("8", 50)];
        return DetectionEvaluation.Evaluate(faults, alerts, 1000 * Minute, pumpDays: 8);
    }

    [Fact]
    public void ByKind_OneRowPerKindAndOnset_WithTheHandComputedMedians()
    {
        var rows = Example().ByKind();

        Assert.Equal(["bearing_wear/gradual", "labelled/unknown", "seal_leak/abrupt"], rows.Select(r => $"{r.Kind}/{r.Onset}"));
        var wear = rows[0];
        Assert.Equal((3, 2), (wear.Faults, wear.Detected));
        Assert.Equal(2.0 / 3, wear.DetectionRate!.Value, Tolerance);
        Assert.Equal((30 + 45) / 2.0, wear.MedianDelayMinutes!.Value, Tolerance);
        Assert.Equal((0.30 + 0.75) / 2, wear.MedianRampShare!.Value, Tolerance);

        Assert.Equal((1, 1), (rows[1].Faults, rows[1].Detected));
        Assert.Equal(100, rows[1].MedianDelayMinutes!.Value, Tolerance);
        Assert.Null(rows[1].MedianRampShare);

        var leak = rows[2];
        Assert.Equal((3, 3), (leak.Faults, leak.Detected));
        Assert.Equal(10, leak.MedianDelayMinutes!.Value, Tolerance); // median of 3, 10, 20
        Assert.Null(leak.MedianRampShare);
    }

    [Fact]
    public void Totals_ByOnsetThenAll_WithTheHandComputedMedians()
    {
        var totals = Example().Totals();

        Assert.Equal(["all/abrupt", "all/gradual", "all/unknown", "all/all"], totals.Select(r => $"{r.Kind}/{r.Onset}"));
        var all = totals[^1];
        Assert.Equal((7, 6), (all.Faults, all.Detected));
        Assert.Equal((20 + 30) / 2.0, all.MedianDelayMinutes!.Value, Tolerance); // 3, 10, 20 | 30, 45, 100
        Assert.Equal((0.30 + 0.75) / 2, all.MedianRampShare!.Value, Tolerance);
        Assert.Equal(10, totals[0].MedianDelayMinutes!.Value, Tolerance);
    }

    [Fact]
    public void RampShare_IsTheDelayOverTheRamp_AndAboveOneWhenFoundAfterFullSeverity()
    {
        var report = DetectionEvaluation.Evaluate([new FaultInterval("1", "blockage", null, 10 * Minute, 500 * Minute, 50 * Minute)], [AlertAt("1", 110)], 1000 * Minute, 1);

        Assert.Equal(100.0 / 40, report.Faults[0].RampShare!.Value, Tolerance); // 100 min after onset, ramp of 40 min
        Assert.Equal("gradual", report.Faults[0].Fault.Onset);
    }

    [Fact]
    public void Combine_PoolsFaultsAndFalseAlerts_AndSumsPumpDays()
    {
        var a = Example();
        var b = DetectionEvaluation.Evaluate([new FaultInterval("1", "seal_leak", null, 0, 100 * Minute, 0)], [AlertAt("1", 5), AlertAt("2", 5), AlertAt("3", 9)], 200 * Minute, pumpDays: 2);

        var both = DetectionReport.Combine([a, b]);

        // Pump 8's alert in the example overlaps no fault; pumps 2 and 3 have none in b: three false alerts over 8 + 2 pump-days.
        Assert.Equal(3, both.FalseAlerts.Count);
        Assert.Equal(10, both.PumpDays, Tolerance);
        Assert.Equal(0.3, both.FalseAlertsPerPumpDay, Tolerance);
        var leak = both.ByKind().Single(r => r.Kind == "seal_leak");
        Assert.Equal((4, 4), (leak.Faults, leak.Detected));
        Assert.Equal((5 + 10) / 2.0, leak.MedianDelayMinutes!.Value, Tolerance); // 3, 5, 10, 20
    }
}
