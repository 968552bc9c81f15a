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
        new("temperature", "degC", -40, 250),
        new("pressure", "psi", 0, 2000),
        new("flow_rate", "US gal/min", 0, 5000),
        new("vibration", "mm/s RMS", 0, 100),
    ];

    /// <summary>Unbounded spec for an extra sensor nobody configured.</summary>
    public static SensorSpec Unbounded(string name) => new(name, "", double.NegativeInfinity, double.PositiveInfinity);
}
