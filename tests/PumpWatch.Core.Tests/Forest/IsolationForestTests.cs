using MathNet.Numerics.Random;
using PumpWatch.Core.Forest;

namespace PumpWatch.Core.Tests.Forest;

public sealed class IsolationForestTests
{
    // Liu, Ting, Zhou 2008, Table 3: iForest AUC 1.00 on shuttle and 0.86 on mammography; the issue allows 0.02 below.
    [Theory]
    [InlineData("shuttle.csv", 0.98)]
    [InlineData("mammography.csv", 0.84)]
    public void Fit_OddsBenchmark_MeanAucOverFiveSeedsMatchesThePaper(string file, double minimumAuc)
    {
        var (rows, width, labels) = SharedData.Odds(file);
        var aucs = new List<double>();
        foreach (var seed in new[] { 1, 2, 3, 4, 5 })
        {
            var forest = IsolationForest.Fit(rows, width, new ForestOptions(100, 256, seed));
            var scores = new double[labels.Length];
            forest.Score(rows, scores);
            aucs.Add(Auc.Compute(scores, labels));
        }

        Assert.True(aucs.Average() >= minimumAuc, $"mean AUC {aucs.Average():0.0000} over seeds ({string.Join(", ", aucs.Select(a => a.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)))}) below {minimumAuc}");
    }

    [Fact]
    public void Score_UniformData_IsNearOneHalf_AndAFarPointScoresAbove07()
    {
        var rng = new MersenneTwister(7);
        var rows = new double[256 * 2];
        for (var i = 0; i < rows.Length - 2; i++)
        {
            rows[i] = rng.NextDouble();
        }

        // 255 uniform rows and, last, a far isolated point; with psi = n = 256 every tree holds all of them.
        rows[^2] = 8.0;
        rows[^1] = 8.0;
        var forest = IsolationForest.Fit(rows, 2, new ForestOptions(100, 256, 3));
        var scores = new double[256];
        forest.Score(rows, scores);
        // For uniform data every point needs about c(psi) splits, so s = 2^-1 (paper, section 2).
        Assert.InRange(scores[..^1].Average(), 0.40, 0.55);
        Assert.True(scores[^1] > 0.7, $"far point scored {scores[^1]}");
    }

    [Fact]
    public void Fit_SameSeed_IsDeterministic_AndAnotherSeedDiffers()
    {
        var (rows, width, _) = SharedData.Odds("mammography.csv");
        var a = IsolationForest.Fit(rows, width, new ForestOptions(20, 256, 11));
        var b = IsolationForest.Fit(rows, width, new ForestOptions(20, 256, 11));
        var c = IsolationForest.Fit(rows, width, new ForestOptions(20, 256, 12));
        var x = rows.AsSpan(0, width).ToArray();
        Assert.Equal(a.Score(x), b.Score(x));
        Assert.NotEqual(a.Score(x), c.Score(x));
    }

    [Fact]
    public void Fit_PsiAndHeightLimit_FollowScikitLearn()
    {
        var small = IsolationForest.Fit(new double[100], 1, new ForestOptions(5, 256, 1));
        Assert.Equal(100, small.SampleSize);
        Assert.Equal(7, small.HeightLimit); // ceil(log2 100)
        var (rows, width, _) = SharedData.Odds("mammography.csv");
        var big = IsolationForest.Fit(rows, width, new ForestOptions(5, 256, 1));
        Assert.Equal(256, big.SampleSize);
        Assert.Equal(8, big.HeightLimit);
    }

    [Theory]
    // c(n) = 2(ln(n-1) + 0.5772156649) - 2(n-1)/n, hand-calculated.
    [InlineData(1, 0.0)]
    [InlineData(2, 1.0)]
    [InlineData(256, 10.244770920116)]
    [InlineData(3, 1.207392357586)]
    public void AveragePathLength_MatchesTheClosedForm(int n, double expected)
    {
        const double tolerance = 1e-9;
        Assert.Equal(expected, PathLength.Average(n), tolerance);
    }

    /// <summary>The textbook walk over the grown tree structure: an independent reference for the scoring layouts.</summary>
    private static double ReferencePathLength(IsolationForest forest, double[] x)
    {
        var nodes = forest.Nodes.ToArray();
        var total = 0.0;
        foreach (var root in forest.Roots.ToArray())
        {
            var i = root;
            while (nodes[i].Feature >= 0)
            {
                i = x[nodes[i].Feature] <= nodes[i].Value ? i + 1 : nodes[i].Right;
            }

            total += nodes[i].Value;
        }

        return total / forest.TreeCount;
    }

    [Theory]
    [InlineData(256)]   // complete-tree layout (depth 8)
    [InlineData(10000)] // psi 10000 gives depth 14: the pointer walk
    public void Score_BatchAndSingleRow_EqualTheReferenceWalk(int maxSamples)
    {
        var rng = new MersenneTwister(21);
        var rows = new double[10_037 * 3];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = rng.NextDouble() * (i % 3 == 0 ? 100 : 1);
        }

        var forest = IsolationForest.Fit(rows, 3, new ForestOptions(30, maxSamples, 5));
        Assert.Equal(maxSamples > 4096, forest.MaxDepth > 12);
        var batch = new double[10_037];
        forest.Score(rows, batch);
        const double tolerance = 1e-12;
        for (var r = 0; r < batch.Length; r += 97)
        {
            var x = rows.AsSpan(r * 3, 3).ToArray();
            var reference = ReferencePathLength(forest, x);
            Assert.Equal(reference, forest.MeanPathLength(x), tolerance);
            Assert.Equal(forest.Score(x), batch[r]);
        }
    }

    [Fact]
    public void ScoreSamples_IsNegatedScore()
    {
        var forest = IsolationForest.Fit([0, 1, 2, 3, 4, 5, 6, 7, 100], 1, new ForestOptions(10, 256, 1));
        Assert.Equal(-forest.Score([100.0]), forest.ScoreSamples([100.0]));
    }

    [Fact]
    public void Contributions_PointOutlyingInOneFeature_NamesThatFeature()
    {
        var rng = new MersenneTwister(5);
        var rows = new double[1000 * 3];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = rng.NextDouble();
        }

        var forest = IsolationForest.Fit(rows, 3, new ForestOptions(100, 256, 9));
        var weights = new double[3];
        forest.Contributions([0.5, 9.0, 0.5], weights);
        Assert.Equal(1.0, weights.Sum(), 1e-12);
        Assert.True(weights[1] > weights[0] && weights[1] > weights[2], string.Join(", ", weights));
    }
}
