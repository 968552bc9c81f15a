using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Features;

/// <summary>The unit of a feature, from its sensor's unit and its statistic: level and spread in the sensor's unit, trends per minute, shape statistics none.</summary>
public static class FeatureUnits
{
    /// <param name="feature">A feature name, e.g. <c>vibration.std</c>.</param>
    /// <param name="sensorUnit">A sensor's unit by name ("" or null when unknown).</param>
    public static string Of(string feature, Func<string, string?> sensorUnit)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(sensorUnit);
        if (feature == FeatureSet.PressureFlowRatioName)
        {
            var (p, f) = (sensorUnit(TutorialSensors.Pressure), sensorUnit(TutorialSensors.FlowRate));
            return string.IsNullOrEmpty(p) || string.IsNullOrEmpty(f) ? "" : $"{p} per {f}";
        }

        var dot = feature.LastIndexOf('.');
        if (dot <= 0)
        {
            return "";
        }

        var unit = sensorUnit(feature[..dot]) ?? "";
        return feature[(dot + 1)..] switch
        {
            "skewness" or "kurtosis" => "",
            "slope_per_min" or "rise_per_min" => unit.Length == 0 ? "" : $"{unit}/min",
            _ => unit,
        };
    }
}
