using MathNet.Numerics.Random;
using PumpWatch.Core.Forest;

namespace PumpWatch.Core.Tests.Forest;

public sealed class IsolationForestTests
{
    // Liu, Ting, Zhou 2008, Table 3: iForest AUC 1.00 on shuttle and 0.86 on mammography; the issue allows 0.02 below.
    [PumpWatch.Testing.SharedDataTheory]
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

    [PumpWatch.Testing.SharedDataFact]
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

    [PumpWatch.Testing.SharedDataFact]
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

    // The hand-calculated values are given to 12 decimals; 1e-9 is well above that rounding.
    private const double HandCalculationTolerance = 1e-9;

    // Weights normalised by their sum add to 1 up to a few ulps of rounding over three terms.
    private const double NormalisedSumTolerance = 1e-12;

    [Theory]
    // c(n) = 2(ln(n-1) + 0.5772156649) - 2(n-1)/n, hand-calculated.
    [InlineData(1, 0.0)]
    [InlineData(2, 1.0)]
    [InlineData(256, 10.244770920116)]
    [InlineData(3, 1.207392357586)]
    public void AveragePathLength_MatchesTheClosedForm(int n, double expected)
    {
        Assert.Equal(expected, PathLength.Average(n), HandCalculationTolerance);
    }

    // c(n) of Liu, Ting, Zhou 2008, eq. 1, written out here independently of PathLength: 2H(n-1) - 2(n-1)/n with
    // H(i) ~ ln(i) + Euler's constant; c(1) = 0 and c(2) = 1 as in scikit-learn's _average_path_length.
    private static double C(int n) => n <= 1 ? 0.0 : n == 2 ? 1.0 : (2.0 * (Math.Log(n - 1.0) + 0.5772156649015329)) - (2.0 * (n - 1.0) / n);

    /// <summary>
    /// The textbook walk (Liu, Ting, Zhou 2008, Algorithm 3 PathLength): from each root follow the split rule (left,
    /// the next node in preorder, when x[feature] &lt;= split; else the right child), count the edges, and at the leaf
    /// add c(size) for the training rows it holds; s = 2^(-E[h(x)] / c(psi)).
    /// </summary>
    private static double ReferenceScore(IsolationForest forest, ReadOnlySpan<double> x)
    {
        var nodes = forest.Nodes;
        var total = 0.0;
        foreach (var root in forest.Roots)
        {
            var i = root;
            var depth = 0;
            while (nodes[i].Feature >= 0)
            {
                i = x[nodes[i].Feature] <= nodes[i].Value ? i + 1 : nodes[i].Right;
                depth++;
            }

            Assert.True(depth <= forest.HeightLimit, $"leaf at depth {depth} beyond the height limit {forest.HeightLimit}");
            total += depth + C(nodes[i].Size);
        }

        return Math.Pow(2.0, -(total / forest.TreeCount) / C(forest.SampleSize));
    }

    // Same path lengths summed in the same tree order, but c(n) is evaluated by the test's own expression: ulp-level differences.
    private const double ReferenceScoreTolerance = 1e-12;

    [Theory]
    [InlineData(256)]   // complete-tree layout (depth 8): blocks of 8 rows, tail rows walked together
    [InlineData(10000)] // psi 10000 gives depth 14: the pointer walk, row by row
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

        // Batches that do and do not fill blocks of 8 (and 32), starting at an odd row, and the whole set.
        foreach (var count in new[] { 1, 7, 8, 9, 31, 32, 33, 65, 101, 10_037 - 13 })
        {
            var batch = rows.AsSpan(13 * 3, count * 3);
            var scores = new double[count];
            forest.Score(batch, scores);
            for (var r = 0; r < count; r++)
            {
                var x = batch.Slice(r * 3, 3);
                var reference = ReferenceScore(forest, x);
                Assert.True(Math.Abs(reference - scores[r]) <= ReferenceScoreTolerance, $"batch of {count}, row {r}: {scores[r]} vs reference {reference}");
                if (count < 1000)
                {
                    Assert.True(Math.Abs(reference - forest.Score(x)) <= ReferenceScoreTolerance, $"single row {r}: {forest.Score(x)} vs reference {reference}");
                }
            }
        }
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
        Assert.Equal(1.0, weights.Sum(), NormalisedSumTolerance);
        Assert.True(weights[1] > weights[0] && weights[1] > weights[2], string.Join(", ", weights));
    }
}
