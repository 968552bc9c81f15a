using PumpWatch.Core.Alerts;

namespace PumpWatch.Core.Tests.Alerts;

public sealed class AlertBudgetTests
{
    private const long Minute = 60_000_000;

    private static IReadOnlyList<(long, double)> Sequence(params double[] scores) => scores.Select((s, i) => ((long)(i + 1) * Minute, s)).ToList();

    [Fact]
    public void Alerts_CountsOpenedAlertsOfTheKOfNPolicy()
    {
        // 2 of 3 above 0.6: windows 2-3 open one alert; window 8 alone does not (by hand).
        var sequences = new[] { Sequence(0.5, 0.7, 0.8, 0.5, 0.5, 0.5, 0.5, 0.9, 0.5) };
        Assert.Equal(1, AlertBudget.Alerts(sequences, AlertPolicyOptions.Default with { K = 2, N = 3 }, 0.6));
        Assert.Equal(0, AlertBudget.Alerts(sequences, AlertPolicyOptions.Default with { K = 2, N = 3 }, 0.8));

        // 1 of 1: window 2 opens; windows 4-7 are four normal ones, fewer than the five that resolve, so window 8 opens nothing.
        Assert.Equal(1, AlertBudget.Alerts(sequences, AlertPolicyOptions.Default with { K = 1, N = 1 }, 0.6));
    }

    [Fact]
    public void Calibrate_WithABudgetBelowOneHeldOutAlert_SetsTheThresholdWhereNoneOpens()
    {
        // 2 pump-days held out, a budget of 0.1: 0.1 x 2 x 0.5 = 0.1 alerts allowed, so none. By hand, the lowest score
        // that opens none: 1 of 1, 0.8; 2 of 3 and 2 of 5, 0.7; 3 of 5, 0.5 (above it pump 1 has only 0.7 and 0.8, pump 2
        // only 0.55), as 3 of 8 and 4 of 8. Their tails have two points (0.4: two alerts, 0.45: one), too few to
        // extrapolate, so 3 of 5 at 0.5 wins, the smaller k on the tie.
        var sequences = new[] { Sequence(0.5, 0.7, 0.8, 0.5), Sequence(0.4, 0.45, 0.5, 0.55) };
        var calibration = AlertBudget.Calibrate(sequences, 2, 0.1, AlertPolicyOptions.Default);
        Assert.Equal((3, 5, 0.5), (calibration.K, calibration.N, calibration.Threshold));
        Assert.Equal(0, calibration.CalibrationAlerts);
        Assert.Equal(0.1, calibration.BudgetPerPumpDay);
    }
}
