using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MathNet.Numerics.Random;

namespace PumpWatch.Core.Forest;

/// <summary>
/// Isolation forest of Liu, Ting and Zhou (ICDM 2008) with scikit-learn's conventions: psi = min(MaxSamples, n)
/// rows drawn without replacement per tree, height limit ceil(log2 psi), a random feature among those not
/// constant in the node and a split uniform in [min, max) (left when x &lt;= split), leaf path length
/// depth + c(size), anomaly score s = 2^(-E[h(x)] / c(psi)); <see cref="ScoreSamples"/> = -s.
/// Deterministic for a given seed. Trees live in one flat node array in preorder.
/// </summary>
public sealed class IsolationForest
{
    private readonly Node[] _nodes;
    private readonly int[] _roots;
    private readonly double _normaliser;

    internal IsolationForest(Node[] nodes, int[] roots, int featureCount, int sampleSize)
    {
        _nodes = nodes;
        _roots = roots;
        FeatureCount = featureCount;
        SampleSize = sampleSize;
        HeightLimit = HeightLimitFor(sampleSize);
        _normaliser = PathLength.Average(sampleSize);
    }

    public int FeatureCount { get; }

    /// <summary>psi, the rows each tree was grown from.</summary>
    public int SampleSize { get; }

    public int HeightLimit { get; }

    public int TreeCount => _roots.Length;

    internal ReadOnlySpan<Node> Nodes => _nodes;

    internal ReadOnlySpan<int> Roots => _roots;

    public static int HeightLimitFor(int sampleSize) => (int)Math.Ceiling(Math.Log2(Math.Max(sampleSize, 2)));

    /// <summary>Grows a forest on <paramref name="rows"/>, row-major with <paramref name="featureCount"/> columns. NaN must be imputed first.</summary>
    public static IsolationForest Fit(ReadOnlySpan<double> rows, int featureCount, ForestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Trees);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxSamples);
        if (rows.Length == 0 || rows.Length % featureCount != 0)
        {
            throw new ArgumentException($"need a non-empty row-major matrix with {featureCount} columns", nameof(rows));
        }

        var n = rows.Length / featureCount;
        var psi = Math.Min(options.MaxSamples, n);
        var builder = new TreeBuilder(rows, featureCount, HeightLimitFor(psi));
        var master = new MersenneTwister(options.Seed);
        var indices = new int[n];
        for (var i = 0; i < n; i++)
        {
            indices[i] = i;
        }

        var roots = new int[options.Trees];
        for (var t = 0; t < options.Trees; t++)
        {
            var rng = new MersenneTwister(master.Next());
            // Partial Fisher-Yates: the first psi entries become a uniform sample without replacement.
            for (var i = 0; i < psi; i++)
            {
                var j = i + rng.Next(n - i);
                (indices[i], indices[j]) = (indices[j], indices[i]);
            }

            var sample = indices.AsSpan(0, psi).ToArray();
            roots[t] = builder.Grow(sample, rng);
        }

        return new IsolationForest(builder.Nodes.ToArray(), roots, featureCount, psi);
    }

    /// <summary>Mean path length E[h(x)] over the trees.</summary>
    public double MeanPathLength(ReadOnlySpan<double> x)
    {
        if (x.Length != FeatureCount)
        {
            throw new ArgumentException($"expected {FeatureCount} features, got {x.Length}", nameof(x));
        }

        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        var total = 0.0;
        foreach (var root in _roots)
        {
            var i = root;
            while (true)
            {
                ref readonly var node = ref Unsafe.Add(ref nodes, i);
                if (node.Feature < 0)
                {
                    total += node.Value;
                    break;
                }

                i = x[node.Feature] <= node.Value ? i + 1 : node.Right;
            }
        }

        return total / _roots.Length;
    }

    /// <summary>Anomaly score s in (0, 1]: near 1 is anomalous, well below 0.5 is normal.</summary>
    public double Score(ReadOnlySpan<double> x) => Math.Pow(2.0, -MeanPathLength(x) / _normaliser);

    /// <summary>scikit-learn's <c>score_samples</c>: -s, lower is more abnormal.</summary>
    public double ScoreSamples(ReadOnlySpan<double> x) => -Score(x);

    /// <summary>Scores every row of a row-major matrix into <paramref name="scores"/>.</summary>
    public void Score(ReadOnlySpan<double> rows, Span<double> scores)
    {
        for (var r = 0; r < scores.Length; r++)
        {
            scores[r] = Score(rows.Slice(r * FeatureCount, FeatureCount));
        }
    }

    /// <summary>
    /// Which features isolated <paramref name="x"/>: each split on its paths is credited with ln(n / n_child), how much
    /// it shrank the set of training points still sharing x's cell (a split that cuts x off from most of them counts
    /// most), summed per feature over all trees and normalised to sum 1. Splits on a feature in which x is extreme
    /// remove about half the cell on average, splits on a feature in which it is typical about a quarter.
    /// </summary>
    public void Contributions(ReadOnlySpan<double> x, Span<double> weights)
    {
        weights[..FeatureCount].Clear();
        var total = 0.0;
        foreach (var root in _roots)
        {
            var i = root;
            while (_nodes[i].Feature >= 0)
            {
                var node = _nodes[i];
                var next = x[node.Feature] <= node.Value ? i + 1 : node.Right;
                var w = Math.Log((double)node.Size / Math.Max(1, _nodes[next].Size));
                weights[node.Feature] += w;
                total += w;
                i = next;
            }
        }

        if (total > 0)
        {
            for (var f = 0; f < FeatureCount; f++)
            {
                weights[f] /= total;
            }
        }
    }

    /// <summary>One tree node: a split (feature, threshold, right child; left child is the next node) or a leaf (feature -1, path length); Size is the training rows that reached it.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal readonly record struct Node(int Feature, int Right, double Value, int Size);
}
