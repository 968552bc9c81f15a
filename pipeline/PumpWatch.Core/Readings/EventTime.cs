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
        micros = 0;
        if (text.Length < 16 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || text[13] != ':')
        {
            return false;
        }

        if (!Digits(text[..4], out var year) || !Digits(text.Slice(5, 2), out var month) || !Digits(text.Slice(8, 2), out var day)
            || !Digits(text.Slice(11, 2), out var hour) || !Digits(text.Slice(14, 2), out var minute))
        {
            return false;
        }

        var pos = 16;
        int second = 0;
        long fractionTicks = 0;
        if (pos < text.Length && text[pos] == ':')
        {
            if (pos + 3 > text.Length || !Digits(text.Slice(pos + 1, 2), out second))
            {
                return false;
            }

            pos += 3;
            if (pos < text.Length && (text[pos] == '.' || text[pos] == ','))
            {
                pos++;
                var start = pos;
                long scale = TimeSpan.TicksPerSecond / 10;
                while (pos < text.Length && text[pos] >= '0' && text[pos] <= '9')
                {
                    fractionTicks += (text[pos] - '0') * scale;
                    scale /= 10;
                    pos++;
                }

                if (pos == start)
                {
                    return false;
                }
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

        if (year < 1 || month is < 1 or > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        // The proleptic Gregorian arithmetic DateTime itself uses (days before the year, then before the month),
        // without its argument checks and tick conversions: this runs once per reading.
        var leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
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
