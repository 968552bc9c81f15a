using System.Globalization;

namespace PumpWatch.Core.Readings;

/// <summary>
/// Durations as people type them: a number with a unit (<c>90s</c>, <c>15m</c>, <c>1.5h</c>, <c>2d</c>, <c>500ms</c>) or
/// <c>[d.]hh:mm:ss</c>. A bare number is refused: .NET reads <c>15</c> as fifteen days, and a user meant minutes.
/// Shared by the pumpwatch and simulator commands.
/// </summary>
public static class DurationText
{
    /// <summary>For messages: what a duration looks like.</summary>
    public const string Help = "a duration such as 90s, 15m, 1.5h, 2d or 00:15:00";

    public static bool TryParse(string text, out TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = default;
        var t = text.Trim();
        if (t.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParseExact(t, ["c", "g"], CultureInfo.InvariantCulture, out value);
        }

        if (t.Length < 2)
        {
            return false;
        }

        var (number, unit) = t.EndsWith("ms", StringComparison.Ordinal) ? (t[..^2], "ms") : (t[..^1], t[^1..]);
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) || !double.IsFinite(n))
        {
            return false;
        }

        double? seconds = unit switch
        {
            "ms" => n / 1000,
            "s" => n,
            "m" => n * 60,
            "h" => n * 3600,
            "d" => n * 86_400,
            _ => null,
        };
        if (seconds is not { } s || !double.IsFinite(s) || s > TimeSpan.MaxValue.TotalSeconds)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(s);
        return true;
    }
}
