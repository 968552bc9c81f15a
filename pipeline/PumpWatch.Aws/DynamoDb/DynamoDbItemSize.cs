using System.Diagnostics;
using System.Text;
using Amazon.DynamoDBv2.Model;

namespace PumpWatch.Aws.DynamoDb;

/// <summary>
/// An item's size as DynamoDB counts it against its item limit, for the S, N and M values the stores write. Rules from
/// the Amazon DynamoDB Developer Guide, "DynamoDB item sizes and formats": a name or string counts its UTF-8 bytes; a
/// number one byte plus one per two significant digits (leading and trailing zeros trimmed); a map 3 bytes plus, per
/// element, 1 byte, its name and its value. Digits are counted in pairs aligned to the decimal point, which is never
/// less than the guide's "approximately" and is what dynalite counts.
/// </summary>
internal static class DynamoDbItemSize
{
    /// <summary>The largest item DynamoDB stores: 400 KB ("Service, account, and table quotas in Amazon DynamoDB").</summary>
    internal const int MaxBytes = 400 * 1024;

    internal static long Of(Dictionary<string, AttributeValue> item)
    {
        long size = 0;
        foreach (var (name, value) in item)
        {
            size += Encoding.UTF8.GetByteCount(name) + Of(value);
        }

        return size;
    }

    private static long Of(AttributeValue value)
    {
        if (value.S is { } text)
        {
            return Encoding.UTF8.GetByteCount(text);
        }

        if (value.N is { } number)
        {
            return NumberBytes(number);
        }

        Debug.Assert(value.M is not null, "the stores write only S, N and M values");
        long size = 3;
        foreach (var (name, element) in value.M)
        {
            size += 1 + Encoding.UTF8.GetByteCount(name) + Of(element);
        }

        return size;
    }

    /// <summary>Bytes of a whole number's decimal text ("-120"): one, plus one per base-100 digit pair holding a significant digit, plus one for a sign.</summary>
    internal static int NumberBytes(string number)
    {
        var negative = number.StartsWith('-');
        var digits = number.AsSpan(negative ? 1 : 0).TrimStart('0');
        Debug.Assert(digits.IndexOfAnyExceptInRange('0', '9') < 0, "the stores write whole numbers only");
        if (digits.IsEmpty)
        {
            return 1; // zero
        }

        // Positions counted from the units digit: the highest is digits.Length - 1, the lowest significant one skips the trailing zeros.
        var highest = digits.Length - 1;
        var lowest = digits.Length - digits.TrimEnd('0').Length;
        var pairs = (highest / 2) - (lowest / 2) + 1;
        return 1 + pairs + (negative ? 1 : 0);
    }
}
