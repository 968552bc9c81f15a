using PumpWatch.Core.Baselines;

namespace PumpWatch.Core.Tests.Baselines;

public sealed class RobustStatisticsTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Scale_Is1Point4826TimesTheMedianAbsoluteDeviation_UnmovedByAnOutlier()
    {
        // Median 3; absolute deviations 2, 1, 0, 1, 97 have median 1 (by hand).
        List<double> values = [1, 2, 3, 4, 100, double.NaN];
        Assert.Equal(3, RobustStatistics.Median(values), Tolerance);
        Assert.Equal(1.4826, RobustStatistics.Scale(values, 3), Tolerance);
        Assert.True(double.IsNaN(RobustStatistics.Median([])));
    }
}
