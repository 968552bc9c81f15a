using MathNet.Numerics.Random;

namespace PumpWatch.Core.Forest;

/// <summary>Grows isolation trees into a shared preorder node list.</summary>
internal sealed class TreeBuilder(ReadOnlySpan<double> rows, int featureCount, int heightLimit)
{
    private readonly double[] _rows = rows.ToArray();
    private readonly int[] _features = new int[featureCount];

    public List<IsolationForest.Node> Nodes { get; } = [];

    /// <summary>Grows one tree over <paramref name="sample"/> (row indices, reordered in place); returns its root index.</summary>
    public int Grow(int[] sample, MersenneTwister rng)
    {
        var root = Nodes.Count;
        Build(sample, 0, sample.Length, 0, rng);
        return root;
    }

    private void Build(int[] sample, int from, int count, int depth, MersenneTwister rng)
    {
        var self = Nodes.Count;
        if (depth >= heightLimit || count <= 1)
        {
            Nodes.Add(Leaf(depth, count));
            return;
        }

        // Draw features without replacement until one is not constant in this node (scikit-learn's rule).
        for (var f = 0; f < featureCount; f++)
        {
            _features[f] = f;
        }

        for (var remaining = featureCount; remaining > 0; remaining--)
        {
            var pick = rng.Next(remaining);
            var feature = _features[pick];
            _features[pick] = _features[remaining - 1];
            var (min, max) = Extent(sample, from, count, feature);
            if (!(max > min))
            {
                continue;
            }

            var split = min + (rng.NextDouble() * (max - min));
            if (split >= max)
            {
                split = min;
            }

            var left = Partition(sample, from, count, feature, split);
            Nodes.Add(default);
            Build(sample, from, left, depth + 1, rng);
            var right = Nodes.Count;
            Build(sample, from + left, count - left, depth + 1, rng);
            Nodes[self] = new IsolationForest.Node(feature, right, split, count);
            return;
        }

        Nodes.Add(Leaf(depth, count));
    }

    private static IsolationForest.Node Leaf(int depth, int size) => new(-1, -1, depth + PathLength.Average(size), size);

    private (double Min, double Max) Extent(int[] sample, int from, int count, int feature)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        for (var i = from; i < from + count; i++)
        {
            var v = _rows[(sample[i] * featureCount) + feature];
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        return (min, max);
    }

    private int Partition(int[] sample, int from, int count, int feature, double split)
    {
        var lo = from;
        var hi = from + count - 1;
        while (lo <= hi)
        {
            if (_rows[(sample[lo] * featureCount) + feature] <= split)
            {
                lo++;
            }
            else
            {
                (sample[lo], sample[hi]) = (sample[hi], sample[lo]);
                hi--;
            }
        }

        return lo - from;
    }
}
