using System.Globalization;

namespace PumpWatch.Core.Readings;

/// <summary>
/// The rule that makes one pump one id, whichever way a gateway wrote it: surrounding white space is dropped, and an
/// id that is a non-negative decimal number with an integral value below 2^53 is written as that integer, so
/// <c>1</c>, <c>1.0</c>, <c>"01"</c> and <c>1E0</c> are all pump <c>1</c>. Any other text is kept as it is
/// (<c>"P-101"</c>, <c>"1a"</c>, <c>"-1"</c>).
/// </summary>
public static class PumpIds
{
    // Integers up to 2^53 are exact in a double, so "9007199254740993" is not silently merged with its neighbour.
    private const double MaxExactInteger = 9_007_199_254_740_992;

    /// <summary>Writes the normalised form of <paramref name="id"/> into <paramref name="destination"/> (at least as long as the id) and returns its length.</summary>
    public static int Normalize(ReadOnlySpan<char> id, Span<char> destination)
    {
        var text = id.Trim();
        if (text.Length > 0 && char.IsAsciiDigit(text[0])
            && double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            && value < MaxExactInteger && value == Math.Floor(value)
            && ((long)value).TryFormat(destination, out var written, default, CultureInfo.InvariantCulture))
        {
            return written;
        }

        text.CopyTo(destination);
        return text.Length;
    }

    /// <summary>The normalised form of <paramref name="id"/> as a string.</summary>
    public static string Normalize(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        Span<char> buffer = id.Length <= 256 ? stackalloc char[Math.Max(id.Length, 20)] : new char[Math.Max(id.Length, 20)];
        var length = Normalize(id, buffer);
        return buffer[..length].SequenceEqual(id) ? id : buffer[..length].ToString();
    }
}
