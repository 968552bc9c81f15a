using System.Text;

namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>
/// An application/x-www-form-urlencoded body (the query protocol: SNS) as decoded name=value pairs, for comparing two
/// bodies as multisets: the order of pairs and the percent-encoding of each may differ and still mean the same.
/// </summary>
internal static class FormBody
{
    public static IReadOnlyList<KeyValuePair<string, string>> Pairs(byte[] body)
    {
        var text = Encoding.ASCII.GetString(body);
        if (text.Length == 0)
        {
            return [];
        }

        return [.. text.Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            return equals < 0
                ? new KeyValuePair<string, string>(Decode(pair), "")
                : new KeyValuePair<string, string>(Decode(pair[..equals]), Decode(pair[(equals + 1)..]));
        })];
    }

    /// <summary>Pairs in <paramref name="expected"/> but not in <paramref name="actual"/> and the reverse, counting repeats.</summary>
    public static IReadOnlyList<string> Differences(byte[] expected, byte[] actual)
    {
        var missing = Pairs(expected).Select(Show).ToList();
        var extra = new List<string>();
        foreach (var pair in Pairs(actual).Select(Show))
        {
            if (!missing.Remove(pair))
            {
                extra.Add(pair);
            }
        }

        return [.. missing.Select(p => $"missing {p}"), .. extra.Select(p => $"extra {p}")];
    }

    // Form encoding: '+' is a space, then percent-decoding as UTF-8.
    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static string Show(KeyValuePair<string, string> pair) => $"{pair.Key}={pair.Value}";
}
