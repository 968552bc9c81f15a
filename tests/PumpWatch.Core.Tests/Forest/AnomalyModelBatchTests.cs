using MathNet.Numerics.Random;
using PumpWatch.Core.Forest;

namespace PumpWatch.Core.Tests.Forest;

public sealed class AnomalyModelBatchTests
{
    // Same trees, same order of summation per row: only reassociation could separate the two paths.
    private const double ScoreTolerance = 1e-12;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(513)]
    [InlineData(1_037)]
    public void Score_Batch_EqualsSingleRowScore_ForRowCountsOffTheBlockSizes(int rows)
    {
        var rng = new MersenneTwister(7);
        var train = new double[2_000 * 4];
        for (var i = 0; i < train.Length; i++)
        {
            train[i] = rng.NextDouble() * (i % 4 + 1);
        }

        var model = AnomalyModel.Train(train, ["a", "b", "c", "d"], TrainingOptions.Default, DateTimeOffset.UnixEpoch, "tabular");
        var x = new double[rows * 4];
        for (var i = 0; i < x.Length; i++)
        {
            // Some rows beyond the training range, and a NaN, which the scaler maps to the centre.
            x[i] = i == 5 ? double.NaN : (rng.NextDouble() * 6) - 1;
        }

        var scores = new double[rows];
        model.Score(x, scores);
        for (var r = 0; r < rows; r++)
        {
            Assert.True(Math.Abs(model.Score(x.AsSpan(r * 4, 4)) - scores[r]) <= ScoreTolerance, $"row {r}");
        }
    }
}
