namespace PumpWatch.Core.Readings;

/// <summary>
/// A reading as a value (simulator output, test data, batch input): pump, event time in microseconds
/// since the Unix epoch, and sensor values by name. The hot path uses <see cref="ParsedReading"/> instead.
/// </summary>
public sealed record Reading(string PumpId, long Timestamp, IReadOnlyList<KeyValuePair<string, double>> Values)
{
    /// <summary>Copies this reading into a reusable <see cref="ParsedReading"/>, registering its sensors.</summary>
    public void CopyTo(ParsedReading target, SensorCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(catalog);
        target.Load(PumpId, Timestamp);
        target.Catalog = catalog;
        foreach (var (name, value) in Values)
        {
            var index = catalog.GetOrAdd(name);
            if (index >= 0)
            {
                target.Set(index, value);
            }
        }
    }
}
