namespace PumpWatch.Aws.Tests.Fakes;

/// <summary>Reads an application/x-www-form-urlencoded body back into its name/value pairs, in order.</summary>
internal static class FormBody
{
    public static IReadOnlyList<KeyValuePair<string, string>> Pairs(FakeRequest request) =>
        request.BodyText.Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            return new KeyValuePair<string, string>(Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..]));
        }).ToList();

    public static string Value(FakeRequest request, string name) => Pairs(request).Single(p => p.Key == name).Value;

    /// <summary>The pairs as "name=value" lines sorted ordinally, for comparing as a set with readable failures.</summary>
    public static IReadOnlyList<string> Sorted(IEnumerable<KeyValuePair<string, string>> pairs) =>
        pairs.Select(p => p.Key + "=" + p.Value).Order(StringComparer.Ordinal).ToList();
}
