namespace PumpWatch.Core.Evaluation;

/// <summary>The median of the values present (nulls and NaN left out): the mean of the middle two for an even count, null for none.</summary>
internal static class Median
{
    public static double? Of(IEnumerable<double?> values)
    {
        var sorted = values.OfType<double>().Where(v => !double.IsNaN(v)).Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
