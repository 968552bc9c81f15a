using MathNet.Numerics.Statistics;

namespace PumpWatch.Core.Forest;

/// <summary>
/// Per-feature centre and scale fitted with the forest. NaN policy: NaN inputs are skipped when fitting and
/// become the centre (0 after scaling) when transforming; a zero or NaN scale becomes 1.
/// </summary>
public sealed class FeatureScaler
{
    public FeatureScaler(ScalerKind kind, double[] center, double[] scale)
    {
        ArgumentNullException.ThrowIfNull(center);
        ArgumentNullException.ThrowIfNull(scale);
        if (center.Length != scale.Length)
        {
            throw new ArgumentException("center and scale differ in length", nameof(scale));
        }

        Kind = kind;
        Center = center;
        Scale = scale;
        _center = center;
        _scale = scale;
    }

    // The same arrays as Center and Scale: Transform indexes them directly, not through the list interface.
    private readonly double[] _center;
    private readonly double[] _scale;

    public ScalerKind Kind { get; }

    public IReadOnlyList<double> Center { get; }

    public IReadOnlyList<double> Scale { get; }

    public static FeatureScaler Fit(ReadOnlySpan<double> rows, int featureCount, ScalerKind kind)
    {
        var n = rows.Length / featureCount;
        var center = new double[featureCount];
        var scale = new double[featureCount];
        var column = new List<double>(n);
        for (var f = 0; f < featureCount; f++)
        {
            column.Clear();
            for (var r = 0; r < n; r++)
            {
                var v = rows[(r * featureCount) + f];
                if (!double.IsNaN(v))
                {
                    column.Add(v);
                }
            }

            if (column.Count == 0)
            {
                (center[f], scale[f]) = (0, 1);
                continue;
            }

            if (kind == ScalerKind.Robust)
            {
                var sorted = column.ToArray();
                Array.Sort(sorted);
                center[f] = SortedArrayStatistics.QuantileCustom(sorted, 0.5, QuantileDefinition.R7);
                scale[f] = SortedArrayStatistics.QuantileCustom(sorted, 0.75, QuantileDefinition.R7)
                    - SortedArrayStatistics.QuantileCustom(sorted, 0.25, QuantileDefinition.R7);
            }
            else
            {
                // An array takes MathNet's array path (the same arithmetic as its streaming path, without an
                // enumerator call per value: 10% of train --tabular's CPU on 567,498 rows).
                var values = column.ToArray();
                center[f] = ArrayStatistics.Mean(values);
                scale[f] = ArrayStatistics.PopulationStandardDeviation(values);
            }

            if (!(scale[f] > 0) || !double.IsFinite(scale[f]))
            {
                scale[f] = 1;
            }
        }

        return new FeatureScaler(kind, center, scale);
    }

    /// <summary>Scales <paramref name="raw"/> into <paramref name="scaled"/> (may be the same span).</summary>
    public void Transform(ReadOnlySpan<double> raw, Span<double> scaled)
    {
        for (var f = 0; f < raw.Length; f++)
        {
            var v = raw[f];
            scaled[f] = double.IsNaN(v) ? 0.0 : (v - _center[f]) / _scale[f];
        }
    }
}
