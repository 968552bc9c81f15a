namespace PumpWatch.Core.Readings;

/// <summary>
/// The fast path for the numbers sensors send (<c>71.25</c>, <c>-0.003</c>, <c>312</c>): at most 15 digits and no
/// exponent. Such a number is m / 10^k with m below 2^53 and k at most 15, both exact in a double, and one IEEE
/// division of exact operands is correctly rounded (Clinger 1990, "How to read floating point numbers accurately"),
/// so the result is the same double as a full parser's. Anything else returns false for the full parser.
/// </summary>
internal static class DecimalText
{
    private const int MaxDigits = 15;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];

    /// <summary>
    /// Parses a whole JSON number token of the simple form (<see cref="TryReadToken"/>'s grammar, to the last byte); false
    /// means "use the full parser", not "invalid".
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        if (TryReadToken(text, 0, out var end, out value) && end == text.Length)
        {
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>
    /// Reads the JSON number token at <paramref name="start"/> of <paramref name="json"/> in the strict form
    /// <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?</c> with at most 15 digits and not followed by an exponent, as the flat scanner and
    /// the record-shape path both read numbers; false on anything else. Where the token ends is left to the caller: the
    /// byte at <paramref name="end"/> is not a digit or a point, and only the next structural byte decides whether the
    /// token is complete.
    /// </summary>
    public static bool TryReadToken(ReadOnlySpan<byte> json, int start, out int end, out double value)
    {
        value = 0;
        var i = start;
        var negative = false;
        if ((uint)i < (uint)json.Length && json[i] == '-')
        {
            negative = true;
            i++;
        }

        var digitsStart = i;
        long mantissa = 0;
        if ((uint)i < (uint)json.Length && json[i] == '0')
        {
            i++;
        }
        else
        {
            i = SkipDigits(json, i, ref mantissa);
        }

        end = i;
        if (i == digitsStart)
        {
            return false;
        }

        var digits = i - digitsStart;
        var fraction = 0;
        if ((uint)i < (uint)json.Length && json[i] == '.')
        {
            var fractionStart = ++i;
            i = SkipDigits(json, i, ref mantissa);
            if (i == fractionStart)
            {
                return false;
            }

            fraction = i - fractionStart;
            digits += fraction;
        }

        end = i;
        if (digits > MaxDigits || ((uint)i < (uint)json.Length && (json[i] | 0x20) == 'e'))
        {
            return false;
        }

        value = Compose(mantissa, fraction, negative);
        return true;
    }

    /// <summary>
    /// The value of a decimal with <paramref name="mantissa"/>'s digits (at most 15), <paramref name="fraction"/> of them
    /// after the point: what <see cref="TryParse"/> returns for its text.
    /// </summary>
    public static double Compose(long mantissa, int fraction, bool negative)
    {
        var magnitude = fraction > 0 ? mantissa / PowersOfTen[fraction] : mantissa;
        return negative ? -magnitude : magnitude;
    }

    // Digits accumulate into the mantissa; past MaxDigits it may wrap, but such a number is refused by the caller.
    private static int SkipDigits(ReadOnlySpan<byte> json, int i, ref long mantissa)
    {
        var m = mantissa;
        while ((uint)i < (uint)json.Length && (uint)(json[i] - '0') is var d && d <= 9)
        {
            m = unchecked((m * 10) + d);
            i++;
        }

        mantissa = m;
        return i;
    }
}
