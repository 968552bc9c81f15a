using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>
/// Semantic comparison of two JSON trees: objects by member name (order free), arrays in order, numbers by value
/// (<c>1.7E9</c> equals <c>1700000000</c>), strings exactly. A member that is null counts as absent: both protocols
/// treat a null member as not set. Ignored paths use <c>$.A[*].B</c> patterns, each with its reason at the call site.
/// </summary>
internal static class JsonTree
{
    /// <summary>Relative tolerance for numbers too long for decimal (none of the cases has one; a guard, not a fudge).</summary>
    private const double RelativeTolerance = 1e-15;

    public static IReadOnlyList<string> Differences(JsonNode? expected, JsonNode? actual, IEnumerable<string>? ignoredPaths = null)
    {
        var differences = new List<string>();
        Compare(expected, actual, "$", differences);
        var ignored = (ignoredPaths ?? []).Select(PathPattern).ToList();
        return [.. differences.Where(d => !ignored.Any(p => p.IsMatch(d)))];
    }

    private static Regex PathPattern(string path) =>
        new("^" + Regex.Escape(path).Replace(@"\[\*]", @"\[\d+]", StringComparison.Ordinal) + @"([.\[:]|$)", RegexOptions.CultureInvariant);

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected, actual)
        {
            case (null, null):
                return;
            case (JsonObject e, JsonObject a):
                foreach (var name in e.Select(p => p.Key).Union(a.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    Compare(e[name], a[name], $"{path}.{name}", differences);
                }

                return;
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Max(e.Count, a.Count); i++)
                {
                    if (i >= e.Count || i >= a.Count)
                    {
                        differences.Add($"{path}[{i}]: expected {Show(i < e.Count ? e[i] : null)}, got {Show(i < a.Count ? a[i] : null)}");
                    }
                    else
                    {
                        Compare(e[i], a[i], $"{path}[{i}]", differences);
                    }
                }

                return;
            case (JsonValue e, JsonValue a) when e.GetValueKind() == JsonValueKind.Number && a.GetValueKind() == JsonValueKind.Number:
                if (!SameNumber(e, a))
                {
                    differences.Add($"{path}: expected {Show(e)}, got {Show(a)}");
                }

                return;
            case (JsonValue e, JsonValue a) when e.GetValueKind() == a.GetValueKind() && e.ToJsonString() == a.ToJsonString():
                return;
            default:
                differences.Add($"{path}: expected {Show(expected)}, got {Show(actual)}");
                return;
        }
    }

    private static bool SameNumber(JsonValue expected, JsonValue actual)
    {
        var e = expected.ToJsonString();
        var a = actual.ToJsonString();
        if (decimal.TryParse(e, NumberStyles.Float, CultureInfo.InvariantCulture, out var de)
            && decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var da))
        {
            return de == da;
        }

        var x = double.Parse(e, CultureInfo.InvariantCulture);
        var y = double.Parse(a, CultureInfo.InvariantCulture);
        return Math.Abs(x - y) <= RelativeTolerance * Math.Max(Math.Abs(x), Math.Abs(y));
    }

    private static string Show(JsonNode? node) => node is null ? "(absent)" : node.ToJsonString();
}
