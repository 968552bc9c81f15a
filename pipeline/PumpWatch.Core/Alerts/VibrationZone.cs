using System.Globalization;

namespace PumpWatch.Core.Alerts;

/// <summary>
/// ISO 10816-3 (now ISO 20816-3) vibration severity zones for machines of 15-300 kW on rigid foundations,
/// by RMS velocity: A below 1.4 mm/s (new), B to 2.8 (long-term operation), C to 4.5 (restricted), D above (damage).
/// </summary>
public static class VibrationZone
{
    private const double MillimetresPerInch = 25.4;

    public static char Of(double mmPerSecond) => mmPerSecond switch
    {
        < 1.4 => 'A',
        < 2.8 => 'B',
        < 4.5 => 'C',
        _ => 'D',
    };

    /// <summary>RMS velocity in mm/s from a value in <paramref name="unit"/> (mm/s or in/s, "RMS" optional); null for any other unit.</summary>
    public static double? ToMillimetresPerSecond(double value, string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var u = unit.Replace("RMS", "", StringComparison.OrdinalIgnoreCase).Trim().ToLowerInvariant();
        return u switch
        {
            "mm/s" => value,
            "in/s" or "ips" => value * MillimetresPerInch,
            _ => null,
        };
    }

    /// <summary>
    /// The zone line for a mean vibration in <paramref name="unit"/>, or null when the unit is not a velocity this table
    /// covers. In zones A and B the line says the alert is about the change from the pump's baseline, so that a
    /// critical alert and "fine for long-term operation" never read as a contradiction.
    /// </summary>
    public static string? Describe(double value, string unit)
    {
        if (ToMillimetresPerSecond(value, unit) is not { } mm || !double.IsFinite(mm))
        {
            return null;
        }

        var zone = Of(mm);
        var given = Math.Abs(mm - value) < double.Epsilon ? "" : string.Create(CultureInfo.InvariantCulture, $"{value:0.000} {unit} = ");
        var level = string.Create(CultureInfo.InvariantCulture, $"Vibration {given}{mm:0.00} mm/s RMS");
        const string Machines = "for 15-300 kW machines on rigid foundations";
        return zone switch
        {
            'A' or 'B' => $"{level} is still in ISO 10816-3 zone {zone} ({(zone == 'A' ? "as new" : "acceptable for long-term operation")}) {Machines}: the alert is about the change from this pump's own baseline, not the absolute level.",
            'C' => $"{level} is in ISO 10816-3 zone C (restricted operation: plan maintenance) {Machines}.",
            _ => $"{level} is in ISO 10816-3 zone D (damage likely: stop and inspect) {Machines}.",
        };
    }
}
