using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Windows;

/// <summary>
/// The whole-series path: the same <see cref="Windower"/> over a complete series, flushed at the end.
/// Features computed here equal those of the streaming path for the readings it accepted.
/// </summary>
public static class SeriesWindows
{
    /// <summary>Windows over <paramref name="readings"/> (any order), sorted by pump then end, with the features computed by <paramref name="project"/>.</summary>
    public static List<T> Compute<T>(IEnumerable<Reading> readings, WindowOptions options, SensorCatalog catalog, Func<WindowAggregate, T> project)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(project);
        var windower = new Windower(options, catalog);
        var buffer = new ParsedReading();
        var results = new List<(string Pump, long End, T Value)>();
        foreach (var reading in readings.OrderBy(r => r.Timestamp))
        {
            reading.CopyTo(buffer, catalog);
            windower.Add(buffer);
            Drain(windower, results, project);
        }

        windower.CloseAll();
        Drain(windower, results, project);
        return results.OrderBy(r => r.Pump, StringComparer.Ordinal).ThenBy(r => r.End).Select(r => r.Value).ToList();
    }

    private static void Drain<T>(Windower windower, List<(string, long, T)> results, Func<WindowAggregate, T> project)
    {
        foreach (var window in windower.Closed)
        {
            results.Add((window.PumpId, window.End, project(window)));
        }

        windower.Release();
    }
}
