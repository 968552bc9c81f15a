using PumpWatch.Core.Alerts;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Storage;
using PumpWatch.Core.Readings;

namespace PumpWatch.Testing;

/// <summary>
/// What every <see cref="IResultStore"/> must do, whatever is behind it (DuckDB, memory, Timestream later): derive,
/// implement <see cref="CreateStore"/>, and the tests run against the real store. Expected values are the inputs
/// themselves: what goes in must come back, once.
/// </summary>
public abstract class ResultStoreContract
{
    protected const long Minute = 60_000_000;
    protected static readonly long T0 = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
    protected static readonly string[] FeatureNames = ["vibration.mean", "pressure_flow_ratio"];

    /// <summary>A new, empty store that keeps the given window features.</summary>
    protected abstract IResultStore CreateStore(IReadOnlyList<string> featureNames);

    private static ParsedReading Parsed(Reading reading, SensorCatalog catalog)
    {
        var parsed = new ParsedReading();
        reading.CopyTo(parsed, catalog);
        return parsed;
    }

    [Fact]
    public async Task Readings_RoundTrip_WithAbsentSensorsAndExtras_InTimeOrder()
    {
        var catalog = new SensorCatalog();
        using var store = CreateStore(FeatureNames);
        Reading[] written =
        [
            new("2", T0 + 1_000_000, [new("temperature", 71.25), new("pressure", 312.5), new("flow_rate", 640), new("vibration", 1.9)]),
            new("1", T0, [new("vibration", 2.5), new("motor_current", 41.5)]),
            new("1", T0 + 2_000_123, [new("temperature", 70.0)]),
        ];
        foreach (var r in written)
        {
            store.OnReading(Parsed(r, catalog));
        }

        await store.FlushAsync();
        var read = store.Readings(StoreQuery.All).ToList();
        Assert.Equal(3, read.Count);
        Assert.Equal(["1", "2", "1"], read.Select(r => r.PumpId));
        Assert.Equal([T0, T0 + 1_000_000, T0 + 2_000_123], read.Select(r => r.Timestamp));
        Assert.Equal(written[1].Values.OrderBy(v => v.Key), read[0].Values.OrderBy(v => v.Key));
        Assert.Equal(written[0].Values.OrderBy(v => v.Key), read[1].Values.OrderBy(v => v.Key));
        Assert.Equal(written[2].Values, read[2].Values);
    }

    [Fact]
    public async Task Readings_Query_FiltersByHalfOpenTimeRangeAndPumps()
    {
        var catalog = new SensorCatalog();
        using var store = CreateStore(FeatureNames);
        for (var i = 0; i < 10; i++)
        {
            foreach (var pump in new[] { "a", "b", "c" })
            {
                store.OnReading(Parsed(new Reading(pump, T0 + (i * Minute), [new("vibration", i)]), catalog));
            }
        }

        await store.FlushAsync();
        var read = store.Readings(new StoreQuery(T0 + (2 * Minute), T0 + (5 * Minute), new HashSet<string> { "a", "c" })).ToList();
        Assert.Equal(6, read.Count);
        Assert.All(read, r => Assert.Contains(r.PumpId, new[] { "a", "c" }));
        Assert.Equal([2.0, 2, 3, 3, 4, 4], read.Select(r => r.Values[0].Value));
    }

    [Fact]
    public async Task Windows_RoundTrip_ScoresFeaturesAndUnscoredWindows()
    {
        using var store = CreateStore(FeatureNames);
        var windows = new[]
        {
            ("1", T0, 60, 0.71, 0.58, "if-abc", new[] { 4.1, 0.49 }),
            ("2", T0, 59, double.NaN, double.NaN, (string?)null, new[] { 1.5, double.NaN }),
        };
        foreach (var (pump, start, count, score, threshold, model, features) in windows)
        {
            store.OnWindow(ScoredWindow.Create(pump, start, start + Minute, count, score, threshold, model, features));
        }

        await store.FlushAsync();
        var read = store.Windows(StoreQuery.All);
        Assert.Equal(2, read.Count);
        Assert.Equal(("1", T0, T0 + Minute, 60, 0.71, 0.58, "if-abc"), (read[0].PumpId, read[0].Start, read[0].End, read[0].Readings, read[0].Score, read[0].Threshold, read[0].ModelId));
        Assert.Equal(4.1, read[0].Features["vibration.mean"]);
        Assert.True(double.IsNaN(read[1].Score));
        Assert.Null(read[1].ModelId);
        Assert.True(double.IsNaN(read[1].Features["pressure_flow_ratio"]));
    }

    [Fact]
    public async Task AlertsAndQuarantine_RoundTrip_InOrder()
    {
        using var store = CreateStore(FeatureNames);
        var alert = new Alert("3@x", AlertEventKind.Opened, "3", AlertSeverity.Critical, T0, T0 + Minute, 0.72, 0.58, "if-abc",
            [new FeatureContribution("vibration.mean", 0.4, 4.1, 1.8, 0.3)], null);
        store.OnAlert(alert);
        store.OnAlert(alert with { Kind = AlertEventKind.Resolved, WindowStart = T0 + (5 * Minute), WindowEnd = T0 + (6 * Minute), Score = 0.4 });
        store.OnQuarantined("{\"pump_id\": 1, "u8, null, null, QuarantineReason.MalformedJson, "unexpected end");
        store.OnQuarantined([], "7", T0, QuarantineReason.OutOfRange, "pressure = -5 outside [0, 2000] psi");
        await store.FlushAsync();

        var alerts = store.Alerts(StoreQuery.All);
        Assert.Equal(["opened", "resolved"], alerts.Select(a => a.Event));
        Assert.Equal(("3@x", "3", "critical", 0.72, "if-abc"), (alerts[0].AlertId, alerts[0].PumpId, alerts[0].Severity, alerts[0].Score, alerts[0].ModelId));
        Assert.Single(store.Alerts(new StoreQuery(T0 + (2 * Minute))));

        var quarantined = store.Quarantined(StoreQuery.All);
        Assert.Equal(2, quarantined.Count);
        Assert.Equal(new StoredQuarantine(null, null, "malformed_json", "unexpected end", "{\"pump_id\": 1, "), quarantined[0]);
        Assert.Equal(new StoredQuarantine("7", T0, "out_of_range", "pressure = -5 outside [0, 2000] psi", null), quarantined[1]);
    }

    [Fact]
    public async Task FlushAsync_Twice_AndWritesAfterAFlush_AreKept()
    {
        var catalog = new SensorCatalog();
        using var store = CreateStore(FeatureNames);
        store.OnReading(Parsed(new Reading("1", T0, [new("vibration", 1.0)]), catalog));
        await store.FlushAsync();
        await store.FlushAsync();
        store.OnReading(Parsed(new Reading("1", T0 + Minute, [new("vibration", 2.0)]), catalog));
        await store.FlushAsync();
        Assert.Equal([1.0, 2.0], store.Readings(StoreQuery.All).Select(r => r.Values[0].Value));
    }

    [Fact]
    public async Task ManyRows_BeyondOneBatch_AllArrive()
    {
        var catalog = new SensorCatalog();
        using var store = CreateStore(FeatureNames);
        const int count = 50_001;
        for (var i = 0; i < count; i++)
        {
            store.OnReading(Parsed(new Reading((i % 7).ToString(System.Globalization.CultureInfo.InvariantCulture), T0 + i, [new("pressure", i % 1000)]), catalog));
        }

        await store.FlushAsync();
        var read = store.Readings(StoreQuery.All).ToList();
        Assert.Equal(count, read.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => (double)(i % 1000)), read.Select(r => r.Values[0].Value));
    }

    [Fact]
    public async Task Windows_WrittenTwice_LeaveOneRow_WithTheLatestValues()
    {
        using var store = CreateStore(FeatureNames);
        store.OnWindow(ScoredWindow.Create("1", T0, T0 + Minute, 60, 0.61, 0.58, "if-abc", [4.1, 0.49]));
        store.OnWindow(ScoredWindow.Create("1", T0 + Minute, T0 + (2 * Minute), 60, 0.50, 0.58, "if-abc", [4.0, 0.48]));
        // A host re-processes the first window (a retry after a failure): same pump and bounds, new score.
        store.OnWindow(ScoredWindow.Create("1", T0, T0 + Minute, 60, 0.62, 0.58, "if-abc", [4.1, 0.49]));
        await store.FlushAsync();
        // ... and once more after it was made durable.
        store.OnWindow(ScoredWindow.Create("1", T0, T0 + Minute, 60, 0.63, 0.58, "if-abc", [4.1, 0.49]));
        await store.FlushAsync();

        var read = store.Windows(StoreQuery.All);
        Assert.Equal(2, read.Count);
        Assert.Equal((T0, 0.63), (read[0].Start, read[0].Score));
        Assert.Equal((T0 + Minute, 0.50), (read[1].Start, read[1].Score));
    }

    [Fact]
    public async Task AlertEvents_WrittenTwice_LeaveOneRow()
    {
        using var store = CreateStore(FeatureNames);
        var opened = new Alert("3@x", AlertEventKind.Opened, "3", AlertSeverity.Warning, T0, T0 + Minute, 0.62, 0.58, "if-abc", [], null);
        store.OnAlert(opened);
        store.OnAlert(opened);
        await store.FlushAsync();
        store.OnAlert(opened);
        store.OnAlert(opened with { Kind = AlertEventKind.Escalated, Severity = AlertSeverity.Critical, WindowStart = T0 + Minute, WindowEnd = T0 + (2 * Minute) });
        await store.FlushAsync();

        var alerts = store.Alerts(StoreQuery.All);
        Assert.Equal(["opened", "escalated"], alerts.Select(a => a.Event));
    }
}
