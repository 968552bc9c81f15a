using MathNet.Numerics.Random;
using PumpWatch.Core.Forest;

namespace PumpWatch.Core.Tests.Forest;

/// <summary>
/// The threshold a large table calibrates on a sample of its rows (train --tabular), judged against every row's score
/// (each row scored on its own, sorted, and the R type 7 quantile taken by hand).
/// </summary>
public sealed class SampledCalibrationTests
{
    private const int Width = 3;

    // The false-alarm rate asked for (TrainingOptions' default).
    private const double Rate = 0.01;

    // CalibrationSample's remarks: the achieved rate has a standard deviation of about sqrt(p (1 - p) / m) = 0.00039 for
    // m = 65,536 (0.00034 with 300,000 rows and no replacement); 0.002 is five of them.
    private const double RateTolerance = 0.002;

    // Scores near the 99th percentile of this table rise 0.024-0.039 per percent of rows (98th to 99.5th percentile),
    // so the rate's tolerance of 0.2 percentage points is at most about 0.008 in score.
    private const double QuantileTolerance = 0.01;

    // Every row scored: the same rows and trees give the same sums, in the same order.
    private const double ExactTolerance = 1e-12;

    [Fact]
    public void Train_SampledCalibrationOnALargeTable_AchievesTheFalseAlarmRateOnEveryRow()
    {
        var rows = Table(300_000, seed: 11);
        var model = AnomalyModel.Train(rows, ["a", "b", "c"], TrainingOptions.Default with { SampledCalibration = true },
            DateTimeOffset.UnixEpoch, "tabular");

        var scores = ScoreEachRow(model, rows);
        var above = scores.Count(s => s > model.Threshold.Value);
        var achieved = (double)above / scores.Length;
        Assert.True(Math.Abs(achieved - Rate) <= RateTolerance, $"{above} of {scores.Length} rows above the threshold: {achieved:P3}");

        Array.Sort(scores);
        var quantile = QuantileR7(scores, 1 - Rate);
        Assert.True(Math.Abs(model.Threshold.Value - quantile) <= QuantileTolerance,
            $"threshold {model.Threshold.Value} against the all-rows quantile {quantile}");
    }

    [Fact]
    public void Train_SampledCalibrationOnATableNoLargerThanTheSample_ScoresEveryRow()
    {
        var rows = Table(5_000, seed: 12);
        var model = AnomalyModel.Train(rows, ["a", "b", "c"], TrainingOptions.Default with { SampledCalibration = true },
            DateTimeOffset.UnixEpoch, "tabular");

        var scores = ScoreEachRow(model, rows);
        Array.Sort(scores);
        Assert.True(Math.Abs(model.Threshold.Value - QuantileR7(scores, 1 - Rate)) <= ExactTolerance);
        Assert.True(Math.Abs(model.Training.ScoreQuantiles["max"] - scores[^1]) <= ExactTolerance);
    }

    [Theory]
    // (1 - p) / (p * 0.05^2): 0.99 / 0.000025 = 39,600, below the 65,536 floor; 0.999 / 0.0000025 = 399,600.
    [InlineData(1_000_000, 0.01, 65_536)]
    [InlineData(1_000_000, 0.001, 399_600)]
    [InlineData(50_000, 0.01, 50_000)]
    [InlineData(300_000, 0.001, 300_000)]
    public void Size_IsTheRowsForAFivePercentRelativeError_AtLeastTheFloor_AtMostTheTable(int rows, double rate, int expected)
    {
        Assert.Equal(expected, CalibrationSample.Size(rows, rate));
    }

    [Fact]
    public void Draw_IsSeededAscendingAndWithoutRepeats()
    {
        var first = CalibrationSample.Draw(200_000, Rate, seed: 42)!;
        var again = CalibrationSample.Draw(200_000, Rate, seed: 42)!;
        Assert.Equal(CalibrationSample.MinimumRows, first.Length);
        Assert.Equal(first, again);
        for (var i = 1; i < first.Length; i++)
        {
            Assert.True(first[i] > first[i - 1], $"index {i}: {first[i - 1]} then {first[i]}");
        }

        Assert.InRange(first[0], 0, 199_999);
        Assert.InRange(first[^1], 0, 199_999);
        Assert.Null(CalibrationSample.Draw(CalibrationSample.MinimumRows, Rate, seed: 42));
    }

    // Three correlated gauges around an operating point and 0.1% of rows pushed far out (as tabular-vs-sklearn.sh's table).
    private static double[] Table(int count, int seed)
    {
        var rng = new MersenneTwister(seed);
        var rows = new double[count * Width];
        for (var r = 0; r < count; r++)
        {
            var basis = Normal(rng);
            var outlier = rng.NextDouble() < 0.001 ? 25.0 : 0.0;
            rows[r * Width] = 60 + (5 * basis) + Normal(rng) + (outlier * Normal(rng));
            rows[(r * Width) + 1] = 120 + (10 * basis) + (3 * Normal(rng)) + (outlier * Normal(rng));
            rows[(r * Width) + 2] = 2.5 + (0.5 * Math.Abs(Normal(rng))) + (outlier * Normal(rng));
        }

        return rows;
    }

    private static double Normal(MersenneTwister rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static double[] ScoreEachRow(AnomalyModel model, double[] rows)
    {
        var scores = new double[rows.Length / Width];
        for (var r = 0; r < scores.Length; r++)
        {
            scores[r] = model.Score(rows.AsSpan(r * Width, Width));
        }

        return scores;
    }

    // Hyndman and Fan's type 7 (R's default): h = (N - 1) q, interpolated between the order statistics around h.
    private static double QuantileR7(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var low = (int)Math.Floor(h);
        return low + 1 < sorted.Length ? sorted[low] + ((h - low) * (sorted[low + 1] - sorted[low])) : sorted[low];
    }
}
