using PumpWatch.Core.Windows;

namespace PumpWatch.Core.Features;

/// <summary>
/// Statistics of a <see cref="SensorAggregate"/>. Numeric policy, for every method: an empty aggregate gives
/// NaN; std, slope, skewness, kurtosis and rise rate give NaN for one reading. With two or more readings: std of a
/// constant series is 0 (a stuck sensor must show as zero spread, not as missing); skewness and kurtosis are NaN at
/// zero variance (0/0); slope is NaN when all readings share one time, rise rate when first and last do. Std uses the
/// N-1 normaliser; skewness and kurtosis are the population (biased) moment ratios g1 = sqrt(n) M3 / M2^1.5 and
/// excess g2 = n M4 / M2^2 - 3, as MathNet's PopulationSkewness and PopulationKurtosis for three or more values
/// (MathNet gives NaN below three; here two readings give the formula's value, e.g. kurtosis -2).
/// </summary>
public static class WindowStatistics
{
    public static double Mean(in SensorAggregate a) => a.Count == 0 ? double.NaN : a.Mean;

    public static double StandardDeviation(in SensorAggregate a) => a.Count < 2 ? double.NaN : Math.Sqrt(Math.Max(a.M2, 0) / (a.Count - 1));

    public static double Min(in SensorAggregate a) => a.Count == 0 ? double.NaN : a.Min;

    public static double Max(in SensorAggregate a) => a.Count == 0 ? double.NaN : a.Max;

    public static double Range(in SensorAggregate a) => a.Count == 0 ? double.NaN : a.Max - a.Min;

    public static double Last(in SensorAggregate a) => a.Count == 0 ? double.NaN : a.LastValue;

    /// <summary>Least-squares slope of value on time, per minute.</summary>
    public static double SlopePerMinute(in SensorAggregate a) => a.Count < 2 || a.M2T <= 0 ? double.NaN : a.CoTV / a.M2T * 60.0;

    public static double Skewness(in SensorAggregate a) =>
        a.Count < 2 || a.M2 <= 0 ? double.NaN : Math.Sqrt(a.Count) * a.M3 / Math.Pow(a.M2, 1.5);

    public static double Kurtosis(in SensorAggregate a) =>
        a.Count < 2 || a.M2 <= 0 ? double.NaN : (a.Count * a.M4 / (a.M2 * a.M2)) - 3.0;

    /// <summary>(last - first) per minute between the first and last reading.</summary>
    public static double RisePerMinute(in SensorAggregate a) =>
        a.Count < 2 || a.LastTime == a.FirstTime ? double.NaN : (a.LastValue - a.FirstValue) / ((a.LastTime - a.FirstTime) / 60e6);

    public static double Of(FeatureStat stat, in SensorAggregate a) => stat switch
    {
        FeatureStat.Mean => Mean(a),
        FeatureStat.Std => StandardDeviation(a),
        FeatureStat.Min => Min(a),
        FeatureStat.Max => Max(a),
        FeatureStat.Range => Range(a),
        FeatureStat.SlopePerMinute => SlopePerMinute(a),
        FeatureStat.Skewness => Skewness(a),
        FeatureStat.Kurtosis => Kurtosis(a),
        FeatureStat.Last => Last(a),
        FeatureStat.TemperatureRiseRate => RisePerMinute(a),
        _ => double.NaN,
    };
}
