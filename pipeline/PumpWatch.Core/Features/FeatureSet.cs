using PumpWatch.Core.Readings;
using PumpWatch.Core.Windows;

namespace PumpWatch.Core.Features;

/// <summary>
/// A named, versioned, ordered list of window features. Names are <c>sensor.stat</c> (e.g. <c>vibration.mean</c>,
/// <c>flow_rate.slope_per_min</c>) plus the cross-sensor <c>pressure_flow_ratio</c> and <c>temperature.rise_per_min</c>.
/// See <see cref="WindowStatistics"/> for the NaN policy; a sensor absent from a window gives NaN.
/// </summary>
public sealed class FeatureSet
{
    /// <summary>Version of the feature definitions; a model records it and refuses another.</summary>
    public const string Version = "pumpwatch.features/1";

    public const string PressureFlowRatioName = "pressure_flow_ratio";
    public const string TemperatureRiseName = "temperature.rise_per_min";

    private static readonly (string Suffix, FeatureStat Stat)[] SensorStats =
    [
        ("mean", FeatureStat.Mean), ("std", FeatureStat.Std), ("min", FeatureStat.Min), ("max", FeatureStat.Max),
        ("range", FeatureStat.Range), ("slope_per_min", FeatureStat.SlopePerMinute), ("skewness", FeatureStat.Skewness),
        ("kurtosis", FeatureStat.Kurtosis), ("last", FeatureStat.Last),
    ];

    private readonly (string Sensor, FeatureStat Stat)[] _features;
    private int[] _resolved = [];
    private SensorCatalog? _resolvedFor;
    private int _resolvedCount;

    private FeatureSet(IReadOnlyList<string> names, (string, FeatureStat)[] features)
    {
        Names = names;
        _features = features;
    }

    public IReadOnlyList<string> Names { get; }

    public int Count => _features.Length;

    /// <summary>Every statistic of every sensor given, plus the cross-sensor features when their sensors are present.</summary>
    public static FeatureSet All(IEnumerable<string> sensors)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        var list = sensors.ToList();
        var names = new List<string>();
        foreach (var sensor in list)
        {
            names.AddRange(SensorStats.Select(s => $"{sensor}.{s.Suffix}"));
        }

        if (list.Contains("pressure") && list.Contains("flow_rate"))
        {
            names.Add(PressureFlowRatioName);
        }

        if (list.Contains("temperature"))
        {
            names.Add(TemperatureRiseName);
        }

        return FromNames(names);
    }

    /// <summary>
    /// The features a model uses unless told otherwise: level, spread and trend of the four tutorial sensors
    /// plus the two cross-sensor features. Higher moments are computed and stored but left out of the default
    /// model because over a one-minute window they are mostly noise, which dilutes an isolation forest.
    /// </summary>
    public static FeatureSet ModelDefault { get; } = FromNames(
    [
        "temperature.mean", "temperature.std", "temperature.slope_per_min",
        "pressure.mean", "pressure.std", "pressure.range",
        "flow_rate.mean", "flow_rate.std",
        "vibration.mean", "vibration.std", "vibration.max",
        PressureFlowRatioName, TemperatureRiseName,
    ]);

    /// <summary>Parses feature names.</summary>
    /// <exception cref="FormatException">A name is not <c>sensor.stat</c> with a known stat.</exception>
    public static FeatureSet FromNames(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var features = new (string, FeatureStat)[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            features[i] = Parse(names[i]);
        }

        return new FeatureSet(names.ToArray(), features);
    }

    /// <summary>Computes every feature of <paramref name="window"/> into <paramref name="output"/> (length <see cref="Count"/>).</summary>
    public void Compute(WindowAggregate window, SensorCatalog catalog, Span<double> output)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(catalog);
        Resolve(catalog);
        for (var i = 0; i < _features.Length; i++)
        {
            var (_, stat) = _features[i];
            var index = _resolved[i];
            if (stat == FeatureStat.PressureFlowRatio)
            {
                output[i] = Ratio(window, catalog);
            }
            else
            {
                output[i] = index < 0 ? double.NaN : WindowStatistics.Of(stat, window.Sensor(index));
            }
        }
    }

    /// <summary>Position of feature <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The sensor a feature is computed from (pressure for the ratio).</summary>
    public string SensorOf(int feature) => _features[feature].Sensor;

    private static double Ratio(WindowAggregate window, SensorCatalog catalog)
    {
        if (!catalog.TryGetIndex("pressure", out var p) || !catalog.TryGetIndex("flow_rate", out var f))
        {
            return double.NaN;
        }

        var flow = WindowStatistics.Mean(window.Sensor(f));
        return flow > 0 ? WindowStatistics.Mean(window.Sensor(p)) / flow : double.NaN;
    }

    private void Resolve(SensorCatalog catalog)
    {
        if (ReferenceEquals(catalog, _resolvedFor) && catalog.Count == _resolvedCount)
        {
            return;
        }

        var resolved = new int[_features.Length];
        for (var i = 0; i < _features.Length; i++)
        {
            resolved[i] = catalog.TryGetIndex(_features[i].Sensor, out var index) ? index : -1;
        }

        _resolved = resolved;
        _resolvedFor = catalog;
        _resolvedCount = catalog.Count;
    }

    private static (string, FeatureStat) Parse(string name)
    {
        if (name == PressureFlowRatioName)
        {
            return ("pressure", FeatureStat.PressureFlowRatio);
        }

        var dot = name.LastIndexOf('.');
        if (dot > 0)
        {
            var sensor = name[..dot];
            var suffix = name[(dot + 1)..];
            if (suffix == "rise_per_min")
            {
                return (sensor, FeatureStat.TemperatureRiseRate);
            }

            foreach (var (s, stat) in SensorStats)
            {
                if (s == suffix)
                {
                    return (sensor, stat);
                }
            }
        }

        throw new FormatException($"unknown feature '{name}': expected sensor.stat with stat one of {string.Join(", ", SensorStats.Select(s => s.Suffix))}, rise_per_min, or {PressureFlowRatioName}");
    }
}
