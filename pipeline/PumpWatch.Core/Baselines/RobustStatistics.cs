using MathNet.Numerics.Statistics;

namespace PumpWatch.Core.Baselines;

/// <summary>
/// Median and robust scale of a sample, as the baselines use them. Numeric policy: NaN values are left out; an empty
/// sample gives NaN; the scale is 1.4826 x the median absolute deviation from the median (the standard deviation for
/// normal data, unmoved by a few outliers), 0 for a constant sample.
/// </summary>
internal static class RobustStatistics
{
    /// <summary>1 / Phi^-1(3/4): makes the MAD estimate the standard deviation of a normal sample.</summary>
    public const double MadToSd = 1.4826;

    public static double Median(List<double> values) => Quantile(values, 0.5);

    /// <summary>The R type 7 quantile of the non-NaN values (sorts a copy).</summary>
    public static double Quantile(List<double> values, double tau)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(sorted);
        return SortedArrayStatistics.QuantileCustom(sorted, tau, QuantileDefinition.R7);
    }

    public static double Scale(List<double> values, double median)
    {
        var deviations = values.Where(v => !double.IsNaN(v)).Select(v => Math.Abs(v - median)).ToList();
        return deviations.Count == 0 ? double.NaN : MadToSd * Median(deviations);
    }
}
