using System.Globalization;
using System.Text;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Input;

/// <summary>
/// Reads a time cell of a CSV or Parquet file with <c>--time-format</c> (iso, epoch_s, epoch_ms, or a .NET custom
/// format taken as UTC). Never throws: text that is not a time at all is one answer (the caller stops the run: the
/// format is probably wrong for the whole file), a number that is a time outside years 1..9999 another, with a detail
/// that says what the number would mean and the likely fix.
/// </summary>
internal static class InputTime
{
    // The range DateTime (and so every store and formatter) can hold, in microseconds since the Unix epoch.
    private static readonly long MinMicros = EventTime.FromDateTimeOffset(DateTimeOffset.MinValue);
    private static readonly long MaxMicros = EventTime.FromDateTimeOffset(DateTimeOffset.MaxValue);

    // Mean Gregorian year, for naming the year an out-of-range epoch would fall in.
    private const double SecondsPerYear = 365.2425 * 86_400;

    /// <summary>
    /// Parses a time cell; false with a null out-of-range detail when it is not a time in this format, false with the
    /// detail (why, and what to try) when it is a number but no representable time.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, string format, out long micros, out string? outOfRange)
    {
        micros = 0;
        outOfRange = null;
        switch (format)
        {
            case "iso":
                Span<byte> utf8 = stackalloc byte[64];
                return Encoding.UTF8.TryGetBytes(text, utf8, out var length) && EventTime.TryParseIso(utf8[..length], out micros);
            case "epoch_s":
            case "epoch_ms":
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var epoch) || !double.IsFinite(epoch))
                {
                    return false;
                }

                var perUnit = format == "epoch_s" ? 1e6 : 1e3;
                var scaled = Math.Round(epoch * perUnit);
                if (scaled >= MinMicros && scaled <= MaxMicros)
                {
                    micros = (long)scaled;
                    return true;
                }

                outOfRange = OutOfRange(text, format, epoch, perUnit);
                return false;
            default:
                if (!DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                {
                    return false;
                }

                micros = EventTime.FromDateTimeOffset(parsed);
                return true;
        }
    }

    private static string OutOfRange(ReadOnlySpan<char> text, string format, double epoch, double perUnit)
    {
        var year = 1970 + (epoch * perUnit / 1e6 / SecondsPerYear);
        var what = string.Create(CultureInfo.InvariantCulture, $"{text} as {format} is year {Math.Floor(year):0}, outside 1..9999");

        // One step finer unit that lands in range is the usual mistake: milliseconds read as seconds, and so on.
        var finer = format == "epoch_s" ? "milliseconds? use --time-format epoch_ms" : "microseconds? divide by 1000 or use --time-format epoch_s on seconds";
        var fixedMicros = epoch * perUnit / 1000;
        return fixedMicros >= MinMicros && fixedMicros <= MaxMicros ? $"{what}: {finer}" : what;
    }
}
