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
    /// <summary>
    /// Version of the feature definitions; a model records it and refuses another. 2 added <c>present_share</c>
    /// (a sensor missing from messages), which the per-pump detector needs to see a dropping sensor.
    /// </summary>
    public const string Version = "pumpwatch.features/2";

    /// <summary>The version before: the same features without <c>present_share</c>; its models still score unchanged.</summary>
    public const string PreviousVersion = "pumpwatch.features/1";

    public const string PressureFlowRatioName = "pressure_flow_ratio";
    public const string TemperatureRiseName = "temperature.rise_per_min";

    private static readonly (string Suffix, FeatureStat Stat)[] SensorStats =
    [
        ("mean", FeatureStat.Mean), ("std", FeatureStat.Std), ("min", FeatureStat.Min), ("max", FeatureStat.Max),
        ("range", FeatureStat.Range), ("slope_per_min", FeatureStat.SlopePerMinute), ("skewness", FeatureStat.Skewness),
        ("kurtosis", FeatureStat.Kurtosis), ("last", FeatureStat.Last), ("present_share", FeatureStat.PresentShare),
    ];

    private readonly (string Sensor, FeatureStat Stat)[] _features;

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

        if (list.Contains(TutorialSensors.Pressure) && list.Contains(TutorialSensors.FlowRate))
        {
            names.Add(PressureFlowRatioName);
        }

        if (list.Contains(TutorialSensors.Temperature))
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

    /// <summary>
    /// The model features for readings with these sensors: <see cref="ModelDefault"/> for the tutorial's four; for any
    /// other set (a historian's tags), each sensor's level, spread, extremes and trend, since the cross-sensor features
    /// need the tutorial's sensors.
    /// </summary>
    public static FeatureSet ModelDefaultFor(IReadOnlyCollection<string> sensors)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        if (sensors.Count == TutorialSensors.All.Count && TutorialSensors.All.All(sensors.Contains))
        {
            return ModelDefault;
        }

        return FromNames(sensors.SelectMany(s => OtherSensorStats.Select(stat => $"{s}.{stat}")).ToList());
    }

    private static readonly string[] OtherSensorStats = ["mean", "std", "min", "max", "slope_per_min"];

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

    /// <summary>
    /// Computes every feature of <paramref name="window"/> into <paramref name="output"/> (length <see cref="Count"/>),
    /// looking each sensor up in <paramref name="catalog"/>. Hot paths resolve once with <see cref="Resolve"/> instead.
    /// </summary>
    public void Compute(WindowAggregate window, SensorCatalog catalog, Span<double> output)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Span<int> sensors = stackalloc int[_features.Length];
        Resolve(catalog, sensors);
        Compute(window, catalog, sensors, output);
    }

    /// <summary>
    /// Each feature's sensor index in <paramref name="catalog"/> (-1 when the catalog does not have it yet). The set
    /// itself keeps nothing, so one instance is safely shared by pipelines with different catalogs; a caller keeps
    /// the indices and resolves again when the catalog has grown.
    /// </summary>
    public void Resolve(SensorCatalog catalog, Span<int> sensors)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        for (var i = 0; i < _features.Length; i++)
        {
            sensors[i] = catalog.TryGetIndex(_features[i].Sensor, out var index) ? index : -1;
        }
    }

    /// <summary>Computes every feature of <paramref name="window"/> with sensor indices from <see cref="Resolve"/>.</summary>
    public void Compute(WindowAggregate window, SensorCatalog catalog, ReadOnlySpan<int> sensors, Span<double> output)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(catalog);
        for (var i = 0; i < _features.Length; i++)
        {
            var (_, stat) = _features[i];
            var index = sensors[i];
            if (stat == FeatureStat.PressureFlowRatio)
            {
                output[i] = Ratio(window, catalog);
            }
            else if (stat == FeatureStat.PresentShare)
            {
                output[i] = window.Count == 0 ? double.NaN : index < 0 ? 0 : (double)window.Sensor(index).Count / window.Count;
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
        if (!catalog.TryGetIndex(TutorialSensors.Pressure, out var p) || !catalog.TryGetIndex(TutorialSensors.FlowRate, out var f))
        {
            return double.NaN;
        }

        var flow = WindowStatistics.Mean(window.Sensor(f));
        return flow > 0 ? WindowStatistics.Mean(window.Sensor(p)) / flow : double.NaN;
    }

    private static (string, FeatureStat) Parse(string name)
    {
        if (name == PressureFlowRatioName)
        {
            return (TutorialSensors.Pressure, FeatureStat.PressureFlowRatio);
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
