using System.Globalization;

namespace PumpWatch.Core.Alerts;

/// <summary>
/// A pump's alert-policy state: which of the last n windows exceeded, whether an alert is open and since when,
/// the last alert's time and severity (for the cooldown), and the run of normal windows. A small value every
/// host can persist with <see cref="ToString"/> and <see cref="Parse"/>.
/// </summary>
public readonly record struct AlertState(
    int RecentMask,
    bool Open,
    AlertSeverity Severity,
    long OpenedAt,
    long LastAlertAt,
    AlertSeverity LastAlertSeverity,
    int NormalStreak)
{
    public static AlertState Initial => new(0, false, AlertSeverity.Warning, 0, long.MinValue, AlertSeverity.Warning, 0);

    /// <summary>Compact text: <c>mask;open;severity;openedAt;lastAlertAt;lastSeverity;normalStreak</c>.</summary>
    public override string ToString() => string.Join(';',
        RecentMask.ToString(CultureInfo.InvariantCulture), Open ? "1" : "0", ((int)Severity).ToString(CultureInfo.InvariantCulture),
        OpenedAt.ToString(CultureInfo.InvariantCulture), LastAlertAt.ToString(CultureInfo.InvariantCulture),
        ((int)LastAlertSeverity).ToString(CultureInfo.InvariantCulture), NormalStreak.ToString(CultureInfo.InvariantCulture));

    public static bool TryParse(ReadOnlySpan<char> text, out AlertState state)
    {
        state = Initial;
        Span<Range> parts = stackalloc Range[8];
        if (text.Split(parts, ';') != 7)
        {
            return false;
        }

        var c = CultureInfo.InvariantCulture;
        if (!int.TryParse(text[parts[0]], NumberStyles.Integer, c, out var mask)
            || !int.TryParse(text[parts[1]], NumberStyles.Integer, c, out var open) || open is not (0 or 1)
            || !int.TryParse(text[parts[2]], NumberStyles.Integer, c, out var severity) || severity is not (0 or 1)
            || !long.TryParse(text[parts[3]], NumberStyles.Integer, c, out var openedAt)
            || !long.TryParse(text[parts[4]], NumberStyles.Integer, c, out var lastAt)
            || !int.TryParse(text[parts[5]], NumberStyles.Integer, c, out var lastSeverity) || lastSeverity is not (0 or 1)
            || !int.TryParse(text[parts[6]], NumberStyles.Integer, c, out var streak))
        {
            return false;
        }

        state = new(mask, open == 1, (AlertSeverity)severity, openedAt, lastAt, (AlertSeverity)lastSeverity, streak);
        return true;
    }

    public static AlertState Parse(string text) =>
        TryParse(text, out var state) ? state : throw new FormatException($"'{text}' is not an alert state");
}
