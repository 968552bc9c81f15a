using System.Globalization;
using System.Text;
using System.Text.Json;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Storage;
using PumpWatch.Function.Events;
using PumpWatch.Function;
using PumpWatch.Lambda.Setup;

namespace PumpWatch.Lambda.Tests.Function;

/// <summary>
/// The function driven as Lambda drives it: 60 s tumbling windows of arrival time, each delivered in batches of 50
/// records with the returned state passed to the next invoke, then a final invoke with no records. Three pumps at 1 Hz
/// for 40 minutes; pump 2's vibration jumps from 1.5 to 4.5-5.5 mm/s after minute 25 (the injected fault); pump 3
/// is silent from minute 30 to 37; records arrive 2 s after their event time.
/// </summary>
public sealed class KinesisWindowFunctionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FaultOnset = T0.AddMinutes(25);
    private const int BatchSize = 50;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    private static readonly PipelineOptions Options = PipelineOptions.Default;

    // The function around its fakes, as the composition root would build it.
    private sealed class Run
    {
        private readonly Func<KinesisWindowFunction> _build;

        public Run(AnomalyModel model, int stateLimit = 900_000, int carriedLimit = 400_000, IShardStateStore? shardStates = null)
        {
            _build = () => new KinesisWindowFunction(new FunctionSettings(Options, "test-site") { StateLimitBytes = stateLimit, CarriedStateLimitBytes = carriedLimit }, model,
                Store, Alerts, AlertStates, shardStates ?? ShardStates, TimeProvider.System, Log);
            Function = _build();
        }

        /// <summary>A new function over the same stores, as a cold Lambda container would build it for one invocation.</summary>
        public KinesisWindowFunction NewFunction() => _build();

        /// <summary>Every state a non-final invocation returned, in order.</summary>
        public List<Dictionary<string, string>> States { get; } = [];

        public FlakyStore Store { get; } = new(Options.Features.Names);
        public RecordingAlertSink Alerts { get; } = new();
        public MemoryAlertStateStore AlertStates { get; } = new();
        public InMemoryShardStateStore ShardStates { get; } = new();
        public StringWriter Log { get; } = new();
        public KinesisWindowFunction Function { get; }
        public List<KinesisTimeWindowEvent> FinalEvents { get; } = [];

        public IReadOnlyList<string> LogLines => Log.ToString().Trim().Split('\n');
    }

    private static List<KinesisEvents.Item> Stream(int minutes = 40)
    {
        var rng = new MathNet.Numerics.Random.MersenneTwister(5);
        var items = new List<KinesisEvents.Item>();
        var sequence = 0L;
        for (var s = 0; s < minutes * 60; s++)
        {
            foreach (var pump in new[] { 1, 2, 3 })
            {
                if (pump == 3 && s >= 30 * 60 && s < 37 * 60)
                {
                    continue;
                }

                var vibration = pump == 2 && s >= 25 * 60 ? 4.5 + rng.NextDouble() : 1.5 + (rng.NextDouble() * 0.2);
                var at = T0.AddSeconds(s);
                var json = string.Create(CultureInfo.InvariantCulture,
                    $"{{\"pump_id\":\"{pump}\",\"timestamp\":\"{at:yyyy-MM-dd'T'HH:mm:ss'Z'}\",\"temperature\":{70 + rng.NextDouble():0.000},\"pressure\":{300 + rng.NextDouble():0.00},\"flow_rate\":600,\"vibration\":{vibration:0.000}}}");
                items.Add(new(pump.ToString(CultureInfo.InvariantCulture), (++sequence).ToString("D56", CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(json), at + Delay));
            }
        }

        return items;
    }

    // Trained on the first 20 healthy minutes' one-minute windows, through the same core the function uses.
    private static AnomalyModel Model(List<KinesisEvents.Item> items)
    {
        var pipeline = new DetectionPipeline(Options with { PumpSilentAfter = TimeSpan.Zero }, new NullSink());
        var raw = items.Where(i => i.Arrival < T0.AddMinutes(20)).Select(i => new RawRecord(i.Data, i.SequenceNumber, 0)).ToList();
        var windows = pipeline.ProcessBatch(raw, long.MaxValue, closeWindows: true).Windows.Where(w => w.Complete).ToList();
        var names = Options.Features.Names.ToList();
        var columns = FeatureSet.ModelDefault.Names.Select(n => names.IndexOf(n)).ToArray();
        var rows = windows.SelectMany(w => columns.Select(c => w.Features[c])).ToArray();
        return AnomalyModel.Train(rows, FeatureSet.ModelDefault.Names, TrainingOptions.Default, DateTimeOffset.UnixEpoch, FeatureSet.Version);
    }

    private static async Task<Run> Drive(List<KinesisEvents.Item> items, AnomalyModel model, bool newFunctionPerInvocation = false)
    {
        var run = new Run(model);
        KinesisWindowFunction Function() => newFunctionPerInvocation ? run.NewFunction() : run.Function;
        foreach (var window in items.GroupBy(i => Floor(i.Arrival)))
        {
            var state = new Dictionary<string, string>();
            foreach (var batch in window.Chunk(BatchSize))
            {
                var response = await Function().HandleAsync(KinesisEvents.Event(batch, window.Key, window.Key + Window, state, final: false), CancellationToken.None);
                Assert.Empty(response.BatchItemFailures);
                state = response.State;
                run.States.Add(state);
            }

            var final = KinesisEvents.Event([], window.Key, window.Key + Window, state, final: true);
            run.FinalEvents.Add(final);
            await Function().HandleAsync(final, CancellationToken.None);
        }

        return run;
    }

    private static DateTimeOffset Floor(DateTimeOffset t) => new(t.Ticks - (t.Ticks % Window.Ticks), TimeSpan.Zero);

    [Fact]
    public async Task Stream_DetectsTheFault_SendsEachAlertOnce_AndStoresEveryWindowWithTheHostsBounds()
    {
        var items = Stream();
        var run = await Drive(items, Model(items));

        var opened = Assert.Single(run.Alerts.Sent, a => a.Kind == AlertEventKind.Opened);
        Assert.Equal("2", opened.PumpId);
        Assert.True(Core.Readings.EventTime.ToDateTimeOffset(opened.WindowStart) >= FaultOnset, $"opened for the window starting {Core.Readings.EventTime.Format(opened.WindowStart)}");
        Assert.DoesNotContain(run.Alerts.Sent, a => a.PumpId == "1");

        // Every reading once; every (pump, host window) a window whose bounds are the host's minute.
        var query = new StoreQuery();
        Assert.Equal(items.Count, run.Store.Inner.Readings(query).Count());
        var windows = run.Store.Inner.Windows(query);
        var expected = items.Select(i => (i.PartitionKey, Floor(i.Arrival))).Distinct().Count();
        Assert.Equal(expected, windows.Count);
        Assert.All(windows, w => Assert.Equal((0L, 60_000_000L), (w.Start % 60_000_000, w.End - w.Start)));
    }

    [Fact]
    public async Task OneWarmFunction_ReturnsAndStoresExactlyWhatANewFunctionPerInvocationDoes()
    {
        // The function keeps its pipeline between invocations (a warm container) and resets it from the imported state;
        // a new function per invocation (a cold container every time) is the reference. Same readings, same order, same
        // arithmetic: every state string, window, score and alert must be identical, bit for bit.
        var items = Stream();
        var model = Model(items);
        var warm = await Drive(items, model);
        var cold = await Drive(items, model, newFunctionPerInvocation: true);

        Assert.Equal(cold.States.Count, warm.States.Count);
        for (var i = 0; i < cold.States.Count; i++)
        {
            Assert.Equal(cold.States[i].OrderBy(p => p.Key, StringComparer.Ordinal), warm.States[i].OrderBy(p => p.Key, StringComparer.Ordinal));
        }

        var query = new StoreQuery();
        static object Row(StoredWindow w) => (w.PumpId, w.Start, w.End, w.Readings, BitConverter.DoubleToInt64Bits(w.Score),
            string.Join(',', w.Features.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={BitConverter.DoubleToInt64Bits(f.Value)}")));
        var coldWindows = cold.Store.Inner.Windows(query);
        Assert.NotEmpty(coldWindows);
        Assert.Equal(coldWindows.Select(Row), warm.Store.Inner.Windows(query).Select(Row));
        Assert.Equal(cold.Store.Inner.Readings(query).Count(), warm.Store.Inner.Readings(query).Count());
        Assert.NotEmpty(cold.Alerts.Sent);
        Assert.Equal(cold.Alerts.Sent.Select(a => (a.AlertId, a.Kind, a.PumpId)), warm.Alerts.Sent.Select(a => (a.AlertId, a.Kind, a.PumpId)));
        var shardKey = $"{cold.FinalEvents[^1].EventSourceARN}/{cold.FinalEvents[^1].ShardId}";
        var coldCarried = await cold.ShardStates.LoadAsync(shardKey);
        var warmCarried = await warm.ShardStates.LoadAsync(shardKey);
        Assert.NotNull(coldCarried);
        Assert.NotNull(warmCarried);
        Assert.Equal(coldCarried.Pumps.OrderBy(p => p.Key, StringComparer.Ordinal), warmCarried.Pumps.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Silence_IsCarriedAcrossWindows_ThroughTheShardState()
    {
        var items = Stream();
        var run = await Drive(items, Model(items));
        var silence = run.Alerts.Sent.Where(a => a.PumpId == "3").ToList();
        Assert.Equal([AlertEventKind.PumpSilent, AlertEventKind.PumpResumed], silence.Select(a => a.Kind));
        // Judged once per window: silent in the first window after 5 minutes without pump 3 (minute 35), resumed in the window of minute 37.
        var silentAt = Core.Readings.EventTime.ToDateTimeOffset(silence[0].WindowEnd);
        Assert.InRange(silentAt, T0.AddMinutes(35), T0.AddMinutes(36) + Delay);
    }

    [Fact]
    public async Task FinalInvoke_Retried_SendsNothingTwice_AndLeavesOneRowPerWindow()
    {
        var items = Stream();
        var model = Model(items);
        var run = await Drive(items, model);
        var (sent, windows, alerts) = (run.Alerts.Sent.Count, run.Store.Inner.Windows(new StoreQuery()).Count, run.Store.Inner.Alerts(new StoreQuery()).Count);
        // The final invokes of minutes 24-29 again (the fault's alert opened among them), with the state they had.
        foreach (var final in run.FinalEvents.Skip(24).Take(6))
        {
            await run.Function.HandleAsync(final, CancellationToken.None);
        }

        Assert.Equal(sent, run.Alerts.Sent.Count);
        Assert.Equal(windows, run.Store.Inner.Windows(new StoreQuery()).Count);
        Assert.Equal(alerts, run.Store.Inner.Alerts(new StoreQuery()).Count);
    }

    [Fact]
    public async Task PoisonRecords_AreQuarantinedWithTheirReason_AndNeverReportedAsFailures()
    {
        var items = Stream(minutes: 2);
        var run = new Run(Model(Stream(minutes: 21)));
        var function = run.Function;
        var start = Floor(items[0].Arrival);
        var batch = items.Take(10).Append(new("1", "poison-1", "{\"pump_id\":1,"u8.ToArray(), start)).Append(new("1", "poison-2", [0xFF, 0xFE], start)).ToList();
        var json = KinesisEvents.Json(batch, start, start + Window, new Dictionary<string, string>(), final: false)
            .Replace(Convert.ToBase64String([0xFF, 0xFE]), "not base64!", StringComparison.Ordinal);
        var response = await function.HandleAsync(JsonSerializer.Deserialize(json, LambdaJsonContext.Default.KinesisTimeWindowEvent)!, CancellationToken.None);
        Assert.Empty(response.BatchItemFailures);
        await run.Store.FlushAsync();
        var quarantined = run.Store.Inner.Quarantined(new StoreQuery());
        Assert.Equal(2, quarantined.Count);
        Assert.All(quarantined, q => Assert.Equal("malformed_json", q.Reason));
        Assert.Contains(quarantined, q => q.Detail.Contains("poison-2", StringComparison.Ordinal) && q.Detail.Contains("not base64", StringComparison.Ordinal));
        Assert.Equal(10, run.Store.Inner.Readings(new StoreQuery()).Count());
    }

    [Fact]
    public async Task Base64WithLineBreaks_IsStillDecoded()
    {
        // Base64 broken by line breaks (RFC 2045 style) is what Convert accepts and the vectorised path does not: such a
        // record must still be read.
        var items = Stream(minutes: 1);
        var run = new Run(Model(Stream(minutes: 21)));
        var start = Floor(items[0].Arrival);
        var batch = items.Take(20).ToList();
        var json = KinesisEvents.Json(batch, start, start + Window, new Dictionary<string, string>(), final: false);
        var plain = Convert.ToBase64String(batch[3].Data);
        var wrapped = plain[..40] + "\r\n" + plain[40..];
        json = json.Replace(plain, JsonSerializer.Serialize(wrapped)[1..^1], StringComparison.Ordinal);
        Assert.Contains("\\r\\n", json, StringComparison.Ordinal);
        var response = await run.Function.HandleAsync(JsonSerializer.Deserialize(json, LambdaJsonContext.Default.KinesisTimeWindowEvent)!, CancellationToken.None);
        Assert.Empty(response.BatchItemFailures);
        await run.Store.FlushAsync();
        Assert.Empty(run.Store.Inner.Quarantined(new StoreQuery()));
        var readings = run.Store.Inner.Readings(new StoreQuery()).ToList();
        Assert.Equal(20, readings.Count);
        var expected = JsonDocument.Parse(batch[3].Data).RootElement.GetProperty("timestamp").GetDateTimeOffset();
        Assert.Contains(readings, r => r.Timestamp == expected.ToUnixTimeMilliseconds() * 1000);
    }

    [Fact]
    public async Task StoreDown_NonFinalReturnsTheStateItWasGivenAndEveryRecord_FinalThrows()
    {
        var items = Stream(minutes: 2);
        var model = Model(Stream(minutes: 21));
        var run = new Run(model);
        var function = run.Function;
        var start = Floor(items[0].Arrival);
        var first = await function.HandleAsync(KinesisEvents.Event(items.Take(30), start, start + Window, new Dictionary<string, string>(), final: false), CancellationToken.None);

        run.Store.FailFlush = true;
        var batch = items.Skip(30).Take(30).ToList();
        var failed = await function.HandleAsync(KinesisEvents.Event(batch, start, start + Window, first.State, final: false), CancellationToken.None);
        Assert.Equal(first.State, failed.State);
        Assert.Equal(batch.Select(i => i.SequenceNumber), failed.BatchItemFailures.Select(f => f.ItemIdentifier));
        await Assert.ThrowsAsync<DownstreamException>(() => function.HandleAsync(KinesisEvents.Event([], start, start + Window, first.State, final: true), CancellationToken.None));
    }

    [Fact]
    public async Task StateOverTheLimit_ClosesTheWindowEarly_AndSaysSo()
    {
        var items = Stream(minutes: 2);
        var model = Model(Stream(minutes: 21));
        // 3 pumps need about 2 kB of state: a 1 kB limit is crossed in the first invoke.
        var run = new Run(model, stateLimit: 1_000);
        var function = run.Function;
        var start = Floor(items[0].Arrival);
        var response = await function.HandleAsync(KinesisEvents.Event(items.Where(i => Floor(i.Arrival) == start), start, start + Window, new Dictionary<string, string>(), final: false), CancellationToken.None);
        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(3, run.Store.Inner.Windows(new StoreQuery()).Count);
        var line = JsonDocument.Parse(run.LogLines[^1]).RootElement;
        Assert.Equal(1, line.GetProperty("ClosedEarly").GetInt32());
        Assert.True(KinesisWindowFunction.StateBytes(response.State) < 1_000);
    }

    [Fact]
    public async Task EveryInvocation_LogsOneEmbeddedMetricFormatLine()
    {
        var items = Stream(minutes: 2);
        var model = Model(Stream(minutes: 21));
        var run = new Run(model);
        var function = run.Function;
        var start = Floor(items[0].Arrival);
        await function.HandleAsync(KinesisEvents.Event(items.Take(42), start, start + Window, new Dictionary<string, string>(), final: false), CancellationToken.None);
        var line = JsonDocument.Parse(Assert.Single(run.LogLines)).RootElement;
        // The EMF specification: _aws.Timestamp, and CloudWatchMetrics[].{Namespace, Dimensions, Metrics[].Name} naming root members.
        var directive = Assert.Single(line.GetProperty("_aws").GetProperty("CloudWatchMetrics").EnumerateArray());
        Assert.Equal("PumpWatch", directive.GetProperty("Namespace").GetString());
        Assert.Equal("ShardId", directive.GetProperty("Dimensions")[0][0].GetString());
        Assert.All(directive.GetProperty("Metrics").EnumerateArray(), m => Assert.True(line.TryGetProperty(m.GetProperty("Name").GetString()!, out _)));
        Assert.Equal(42, line.GetProperty("RecordsIn").GetInt32());
        Assert.Equal(42, line.GetProperty("Accepted").GetInt32());
        Assert.Equal(KinesisEvents.ShardId, line.GetProperty("ShardId").GetString());
    }

    [Fact]
    public async Task CarriedStateOverTheItemLimit_DropsPumpsInIdOrder_AndTheFinalInvokeSucceeds()
    {
        var items = Stream(minutes: 2);
        var model = Model(Stream(minutes: 21));
        var start = Floor(items[0].Arrival);
        var first = items.Where(i => Floor(i.Arrival) == start).ToList();

        // Uncapped, the three pumps' carried states; the limit then holds pumps 1 and 2 exactly (name + value + 1 byte each).
        var free = new Run(model);
        await free.Function.HandleAsync(KinesisEvents.Event(first, start, start + Window, new Dictionary<string, string>(), final: true), CancellationToken.None);
        var carried = (await free.ShardStates.LoadAsync($"{KinesisEvents.StreamArn}/{KinesisEvents.ShardId}"))!.Pumps;
        Assert.Equal(["1", "2", "3"], carried.Keys.Order(StringComparer.Ordinal));
        var limit = carried.Where(p => p.Key != "3").Sum(p => Encoding.UTF8.GetByteCount(p.Key) + Encoding.UTF8.GetByteCount(p.Value) + 1);

        // A store that refuses a state over the limit, as DynamoDbShardStateStore refuses an item over 400 KB.
        var refusing = new RefusingShardStateStore(limit);
        var run = new Run(model, carriedLimit: limit, shardStates: refusing);
        await run.Function.HandleAsync(KinesisEvents.Event(first, start, start + Window, new Dictionary<string, string>(), final: true), CancellationToken.None);
        Assert.Equal(["1", "2"], refusing.Saved!.Pumps.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(run.LogLines, l => l.Contains("carried state of 1 of 3 pumps dropped", StringComparison.Ordinal));
        Assert.Equal(1, JsonDocument.Parse(run.LogLines[^1]).RootElement.GetProperty("CarriedPumpsDropped").GetInt32());
        Assert.Equal(3, run.Store.Inner.Windows(new StoreQuery()).Count);

        // Without the cap the same invoke throws, and would on every retry: the stalled shard the cap prevents.
        var stalled = new Run(model, carriedLimit: int.MaxValue, shardStates: new RefusingShardStateStore(limit));
        await Assert.ThrowsAsync<ShardStateStoreException>(() =>
            stalled.Function.HandleAsync(KinesisEvents.Event(first, start, start + Window, new Dictionary<string, string>(), final: true), CancellationToken.None));
    }

    [Fact]
    public async Task FinalInvoke_WhoseShardStateIsNotSaved_SaysSoAndCountsIt()
    {
        var items = Stream(minutes: 2);
        var model = Model(Stream(minutes: 21));
        var start = Floor(items[0].Arrival);
        var run = new Run(model);
        var key = $"{KinesisEvents.StreamArn}/{KinesisEvents.ShardId}";
        // A later window's state is already stored (a stale worker's view): the save's condition fails.
        var later = new ShardState(new Dictionary<string, string>(), Core.Readings.EventTime.FromDateTimeOffset(start + (10 * Window)), "99");
        Assert.True(await run.ShardStates.TrySaveAsync(key, later));
        var response = await run.Function.HandleAsync(
            KinesisEvents.Event(items.Where(i => Floor(i.Arrival) == start), start, start + Window, new Dictionary<string, string>(), final: true), CancellationToken.None);
        Assert.Empty(response.BatchItemFailures);
        Assert.Same(later, await run.ShardStates.LoadAsync(key));
        Assert.Contains(run.LogLines, l => l.Contains("not saved: the store holds that window end or a later one", StringComparison.Ordinal));
        Assert.Equal(1, JsonDocument.Parse(run.LogLines[^1]).RootElement.GetProperty("ShardStateNotSaved").GetInt32());
    }

    /// <summary>Refuses, with the store's exception, a state whose pumps measure more than a limit (name + value + 1 byte each).</summary>
    private sealed class RefusingShardStateStore(int limit) : IShardStateStore
    {
        public ShardState? Saved { get; private set; }

        public Task<ShardState?> LoadAsync(string shardKey, CancellationToken cancellationToken = default) => Task.FromResult(Saved);

        public Task<bool> TrySaveAsync(string shardKey, ShardState state, CancellationToken cancellationToken = default)
        {
            var size = state.Pumps.Sum(p => Encoding.UTF8.GetByteCount(p.Key) + Encoding.UTF8.GetByteCount(p.Value) + 1);
            if (size > limit)
            {
                throw new ShardStateStoreException($"the state of shard '{shardKey}' is {size} bytes, over the test's {limit}");
            }

            Saved = state;
            return Task.FromResult(true);
        }
    }

    private sealed class NullSink : DetectionSink;
}
