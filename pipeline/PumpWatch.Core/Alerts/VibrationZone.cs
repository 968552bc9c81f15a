namespace PumpWatch.Core.Alerts;

/// <summary>
/// ISO 10816-3 (now ISO 20816-3) vibration severity zones for machines of 15-300 kW on rigid foundations,
/// by RMS velocity: A below 1.4 mm/s (new), B to 2.8 (long-term operation), C to 4.5 (restricted), D above (damage).
/// </summary>
public static class VibrationZone
{
    public static char Of(double mmPerSecond) => mmPerSecond switch
    {
        < 1.4 => 'A',
        < 2.8 => 'B',
        < 4.5 => 'C',
        _ => 'D',
    };

    public static string Describe(double mmPerSecond)
    {
        var zone = Of(mmPerSecond);
        var meaning = zone switch
        {
            'A' => "as new",
            'B' => "fine for long-term operation",
            'C' => "restricted operation: plan maintenance",
            _ => "damage likely: stop and inspect",
        };
        return FormattableString.Invariant($"Vibration {mmPerSecond:0.00} mm/s RMS is in ISO 10816-3 zone {zone} ({meaning}) for 15-300 kW machines on rigid foundations.");
    }
}
