using System.Globalization;
using PumpWatch.Core.Readings;
using PumpWatch.Core.Windows;

namespace PumpWatch.Core.Forest;

/// <summary>
/// Everything that shaped a model's input besides its features: the windows (size, hop or one per reading, lateness),
/// the sensors with their units and physical ranges, and how a historian's columns were mapped onto sensors. A model
/// scores comparable windows only under the same settings, so a host applies these, or refuses a mismatch.
/// </summary>
public sealed record ModelInput(WindowOptions Windows, IReadOnlyList<SensorSpec> Sensors, IReadOnlyList<string> SensorColumns)
{
    /// <summary>The differences between the model's windows and <paramref name="other"/>, in words; null when they agree.</summary>
    public string? WindowMismatch(WindowOptions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Windows.Size == other.Size && Windows.Hop == other.Hop && Windows.PerReading == other.PerReading
            ? null
            : $"{Describe(other)}, but the model was trained on {Describe(Windows)}";
    }

    /// <summary>The sensors whose range or unit differ from the model's, in words; null when none does.</summary>
    public string? SensorMismatch(IReadOnlyList<SensorSpec> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var spec in Sensors)
        {
            var given = other.FirstOrDefault(s => s.Name == spec.Name);
            if (given is not null && given != spec)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"sensor {spec.Name} is {given.Min}:{given.Max} {given.Unit}, but the model was trained with {spec.Min}:{spec.Max} {spec.Unit}");
            }
        }

        return null;
    }

    /// <summary>The window settings as a user would type them, e.g. <c>--window 15m</c> or <c>--window 10m --hop reading</c>.</summary>
    public static string Describe(WindowOptions windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var size = $"--window {Short(windows.Size)}";
        return windows.PerReading ? $"{size} --hop reading" : windows.IsTumbling ? size : $"{size} --hop {Short(windows.Hop)}";
    }

    private static string Short(TimeSpan t) =>
        t.Ticks % TimeSpan.TicksPerHour == 0 ? $"{(long)t.TotalHours}h"
        : t.Ticks % TimeSpan.TicksPerMinute == 0 ? $"{(long)t.TotalMinutes}m"
        : t.Ticks % TimeSpan.TicksPerSecond == 0 ? $"{(long)t.TotalSeconds}s"
        : t.ToString("c", CultureInfo.InvariantCulture);
}
