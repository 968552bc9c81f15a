using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PumpWatch.Core.Readings;

/// <summary>A sensor's name, unit and the physical range outside which a value is quarantined.</summary>
/// <param name="Name">JSON field name, e.g. <c>temperature</c>.</param>
/// <param name="Unit">Unit of measure, for documentation and alert text.</param>
/// <param name="Min">Smallest physically plausible value (inclusive).</param>
/// <param name="Max">Largest physically plausible value (inclusive).</param>
public sealed record SensorSpec(string Name, string Unit, double Min, double Max)
{
    /// <summary>
    /// The tutorial's four sensors. Normal operation lies in temperature 50-100 degC, pressure 100-500 psi,
    /// flow 200-1000 US gal/min, vibration 0.1-5.0 mm/s RMS; the ranges here are the wider physical limits
    /// beyond which a value is a sensor or transport fault, not a pump state.
    /// </summary>
    public static IReadOnlyList<SensorSpec> Defaults { get; } =
    [
        new(TutorialSensors.Temperature, "degC", -40, 250),
        new(TutorialSensors.Pressure, "psi", 0, 2000),
        new(TutorialSensors.FlowRate, "US gal/min", 0, 5000),
        new(TutorialSensors.Vibration, "mm/s RMS", 0, 100),
    ];

    /// <summary>
    /// Parses <c>NAME=MIN:MAX[:UNIT]</c> (invariant numbers, MIN &lt; MAX). Without a unit, a sensor in
    /// <paramref name="known"/> keeps its unit. On failure <paramref name="problem"/> says what is wrong.
    /// </summary>
    public static bool TryParseRange(ReadOnlySpan<char> text, IReadOnlyList<SensorSpec> known, [NotNullWhen(true)] out SensorSpec? spec, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(known);
        spec = null;
        var eq = text.IndexOf('=');
        var name = eq > 0 ? text[..eq].Trim().ToString() : "";
        var parts = eq > 0 ? text[(eq + 1)..].ToString().Split(':') : [];
        if (name.Length == 0 || parts.Length is < 2 or > 3
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var min)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var max)
            || !(min < max))
        {
            problem = $"'{text}' must be NAME=MIN:MAX[:UNIT] with MIN < MAX, e.g. vibration=0:50:mm/s";
            return false;
        }

        var unit = parts.Length == 3 ? parts[2].Trim() : known.FirstOrDefault(s => s.Name == name)?.Unit ?? "";
        spec = new SensorSpec(name, unit, min, max);
        problem = null;
        return true;
    }

    /// <summary><paramref name="defaults"/> with each override replacing the sensor of the same name or added after them.</summary>
    public static IReadOnlyList<SensorSpec> Apply(IReadOnlyList<SensorSpec> defaults, IEnumerable<SensorSpec> overrides)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(overrides);
        var specs = defaults.ToList();
        foreach (var spec in overrides)
        {
            var existing = specs.FindIndex(s => s.Name == spec.Name);
            if (existing >= 0)
            {
                specs[existing] = spec;
            }
            else
            {
                specs.Add(spec);
            }
        }

        return specs;
    }

    /// <summary>Unbounded spec for an extra sensor nobody configured.</summary>
    public static SensorSpec Unbounded(string name) => new(name, "", double.NegativeInfinity, double.PositiveInfinity);
}
