using PumpWatch.Core.Alerts;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Storage;

/// <summary>
/// A store in memory, for tests, benchmarks and hosts that need no durability: everything is visible at once, and
/// windows and alert events are kept by key so writing one again replaces it (the store contract's idempotency).
/// Not thread-safe: one pipeline writes, reads come after.
/// </summary>
public sealed class InMemoryResultStore : IResultStore
{
    private readonly IReadOnlyList<string> _features;
    private readonly List<Reading> _readings = [];
    private readonly Dictionary<(string Pump, long Start, long End), StoredWindow> _windows = [];
    private readonly Dictionary<(string Id, string Event, long End), StoredAlert> _alerts = [];
    private readonly List<StoredQuarantine> _quarantined = [];

    public InMemoryResultStore(IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        _features = featureNames;
    }

    public void OnReading(ParsedReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var catalog = reading.Catalog ?? throw new ArgumentException("reading has no sensor catalog", nameof(reading));
        var values = new List<KeyValuePair<string, double>>(reading.SensorCount);
        foreach (var index in reading.Sensors)
        {
            values.Add(new(catalog[index].Name, reading.Value(index)));
        }

        _readings.Add(new Reading(reading.PumpId, reading.Timestamp, values));
    }

    public void OnQuarantined(ReadOnlySpan<byte> raw, string? pumpId, long? timestamp, QuarantineReason reason, string detail) =>
        _quarantined.Add(new StoredQuarantine(pumpId, timestamp, reason.Code(), detail, raw.IsEmpty ? null : System.Text.Encoding.UTF8.GetString(raw)));

    public void OnWindow(ScoredWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var features = new Dictionary<string, double>(_features.Count, StringComparer.Ordinal);
        for (var i = 0; i < _features.Count && i < window.Features.Length; i++)
        {
            features[_features[i]] = double.IsFinite(window.Features[i]) ? window.Features[i] : double.NaN;
        }

        var scored = !double.IsNaN(window.Score);
        _windows[(window.PumpId, window.Start, window.End)] = new StoredWindow(window.PumpId, window.Start, window.End, window.Count,
            window.Score, scored ? window.Threshold : double.NaN, scored ? window.ModelId : null, features);
    }

    public void OnAlert(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        _alerts[(alert.AlertId, alert.Kind.Code(), alert.WindowEnd)] = new StoredAlert(alert.AlertId, alert.Kind.Code(), alert.PumpId,
            alert.Severity.ToString().ToLowerInvariant(), alert.WindowStart, alert.WindowEnd, alert.Score, alert.Threshold, alert.ModelId);
    }

    public Task FlushAsync(CancellationToken cancel = default) => Task.CompletedTask;

    public IEnumerable<Reading> Readings(StoreQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _readings.Where(r => query.Includes(r.PumpId, r.Timestamp)).OrderBy(r => r.Timestamp).ThenBy(r => r.PumpId, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<StoredWindow> Windows(StoreQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _windows.Values.Where(w => query.Includes(w.PumpId, w.Start)).OrderBy(w => w.End).ThenBy(w => w.PumpId, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<StoredAlert> Alerts(StoreQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _alerts.Values.Where(a => query.Includes(a.PumpId, a.WindowEnd)).OrderBy(a => a.WindowEnd).ThenBy(a => a.PumpId, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<StoredQuarantine> Quarantined(StoreQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        // A record without a time matches only an unbounded range, and without a pump only a query for all pumps.
        return _quarantined.Where(q => q.Time is { } t
            ? q.PumpId is { } pump ? query.Includes(pump, t) : query.Pumps is null && query.Includes("", t)
            : query.From is null && query.To is null && (query.Pumps is null || (q.PumpId is { } p && query.Pumps.Contains(p)))).ToList();
    }

    public void Dispose()
    {
    }
}
