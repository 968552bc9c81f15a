using System.Globalization;

namespace PumpWatch.Core.Readings;

/// <summary>
/// Event time as microseconds since the Unix epoch, UTC: the resolution of the tutorial's
/// <c>datetime.isoformat()</c> and of DuckDB and Timestream timestamps.
/// </summary>
public static class EventTime
{
    public const long MicrosPerSecond = 1_000_000;
    public const long MicrosPerMinute = 60 * MicrosPerSecond;

    // TwoDigits' answer for a pair that is not two digits: 128 is above 99 and a bit of its own, so an OR of several
    // answers is at least 128 exactly when one of them is.
    private const uint NotDigits = 128;

    // Fraction digits that are ticks (100 ns); TickScale[n] turns n digits into ticks.
    private const int TicksDigits = 7;
    private static readonly long[] TickScale = [0, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

    // Days before each month, common and leap years.
    private static readonly int[] DaysToMonth365 = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
    private static readonly int[] DaysToMonth366 = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366];

    public static long FromDateTimeOffset(DateTimeOffset value) =>
        (value.UtcTicks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset ToDateTimeOffset(long micros) =>
        new(DateTime.UnixEpoch.Ticks + (micros * TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    /// <summary>ISO-8601 with six fractional digits and a Z, e.g. <c>2026-05-01T12:00:00.123456Z</c>.</summary>
    public static string Format(long micros) =>
        ToDateTimeOffset(micros).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses ISO-8601 <c>YYYY-MM-DD[T| ]hh:mm[:ss[.fraction]][Z|+hh:mm|+hhmm|+hh]</c>; no offset means UTC.
    /// Does not allocate; returns false on anything else.
    /// </summary>
    public static bool TryParseIso(ReadOnlySpan<byte> text, out long micros)
    {
        // Runs once per reading: the fixed positions are read directly (one length check covers them all), each pair
        // of digits as a number below 100 or NotDigits, so one test of the OR of them all finds any non-digit.
        micros = 0;
        if (text.Length < 16 || text[4] != '-' || text[7] != '-' || text[10] is not ((byte)'T' or (byte)'t' or (byte)' ') || text[13] != ':')
        {
            return false;
        }

        var century = TwoDigits(text[0], text[1]);
        var yearOfCentury = TwoDigits(text[2], text[3]);
        var month = TwoDigits(text[5], text[6]);
        var day = TwoDigits(text[8], text[9]);
        var hour = TwoDigits(text[11], text[12]);
        var minute = TwoDigits(text[14], text[15]);
        if ((century | yearOfCentury | month | day | hour | minute) >= NotDigits)
        {
            return false;
        }

        var pos = 16;
        var second = 0u;
        long fractionTicks = 0;
        if (pos < text.Length && text[pos] == ':')
        {
            if (pos + 3 > text.Length || (second = TwoDigits(text[pos + 1], text[pos + 2])) >= NotDigits)
            {
                return false;
            }

            pos += 3;
            if (pos < text.Length && (text[pos] == '.' || text[pos] == ','))
            {
                // Digits past the seventh (100 ns) are read and dropped.
                var start = ++pos;
                long fraction = 0;
                while (pos < text.Length && (uint)(text[pos] - '0') is var digit && digit <= 9)
                {
                    if (pos - start < TicksDigits)
                    {
                        fraction = (fraction * 10) + digit;
                    }

                    pos++;
                }

                var digits = pos - start;
                if (digits == 0)
                {
                    return false;
                }

                fractionTicks = digits >= TicksDigits ? fraction : fraction * TickScale[digits];
            }
        }

        long offsetMinutes = 0;
        if (pos < text.Length)
        {
            var sign = text[pos];
            if ((sign == 'Z' || sign == 'z') && pos + 1 == text.Length)
            {
                pos++;
            }
            else if ((sign == '+' || sign == '-') && TryParseOffset(text[(pos + 1)..], out var magnitude))
            {
                offsetMinutes = sign == '-' ? -magnitude : magnitude;
                pos = text.Length;
            }
            else
            {
                return false;
            }
        }

        var year = (int)((century * 100) + yearOfCentury);
        if (year < 1 || month is < 1 or > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        // The proleptic Gregorian arithmetic DateTime itself uses (days before the year, then before the month),
        // without its argument checks and tick conversions.
        var leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
        var daysToMonth = leap ? DaysToMonth366 : DaysToMonth365;
        if (day > daysToMonth[month] - daysToMonth[month - 1])
        {
            return false;
        }

        var yearsBefore = year - 1;
        long days = (yearsBefore * 365) + (yearsBefore / 4) - (yearsBefore / 100) + (yearsBefore / 400) + daysToMonth[month - 1] + day - 1;
        var ticks = (days * TimeSpan.TicksPerDay) + (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute)
            + (second * TimeSpan.TicksPerSecond) + fractionTicks - (offsetMinutes * TimeSpan.TicksPerMinute);
        micros = (ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
        return true;
    }

    /// <summary>Epoch seconds below 1e11 (before year 5138), epoch milliseconds at or above.</summary>
    public static bool TryFromEpochNumber(double value, out long micros)
    {
        micros = 0;
        if (!double.IsFinite(value) || value < 0)
        {
            return false;
        }

        var scaled = value < 1e11 ? value * 1e6 : value * 1e3;
        if (scaled > 253_402_300_799_000_000d)
        {
            return false;
        }

        micros = (long)Math.Round(scaled);
        return true;
    }

    /// <summary>hh, hhmm or hh:mm, as minutes.</summary>
    private static bool TryParseOffset(ReadOnlySpan<byte> rest, out long minutes)
    {
        minutes = 0;
        var hours = 0;
        var mins = 0;
        var ok = rest.Length switch
        {
            2 => Digits(rest, out hours),
            4 => Digits(rest[..2], out hours) && Digits(rest[2..], out mins),
            5 => rest[2] == ':' && Digits(rest[..2], out hours) && Digits(rest[3..], out mins),
            _ => false,
        };
        if (!ok || hours > 18 || mins > 59)
        {
            return false;
        }

        minutes = (hours * 60) + mins;
        return true;
    }

    /// <summary>Two ASCII digits as their value, or <see cref="NotDigits"/> (above any two-digit value, and a bit no value below 100 has).</summary>
    private static uint TwoDigits(byte tens, byte units)
    {
        var t = (uint)(tens - '0');
        var u = (uint)(units - '0');
        return t <= 9 && u <= 9 ? (t * 10) + u : NotDigits;
    }

    private static bool Digits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            if (b < '0' || b > '9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}
