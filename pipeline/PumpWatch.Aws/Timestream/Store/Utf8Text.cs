using System.Text;

namespace PumpWatch.Aws.Timestream.Store;

/// <summary>Cutting text to a number of UTF-8 bytes without splitting a character (Timestream limits are in bytes).</summary>
internal static class Utf8Text
{
    /// <summary>The longest prefix of <paramref name="text"/> whose UTF-8 encoding has at most <paramref name="maxBytes"/> bytes.</summary>
    public static string Prefix(string text, int maxBytes)
    {
        if (maxBytes <= 0)
        {
            return "";
        }

        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        var bytes = 0;
        var chars = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > maxBytes)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            chars += rune.Utf16SequenceLength;
        }

        return text[..chars];
    }
}
