using System.Text;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;
using PumpWatch.Core.Windows;

namespace PumpWatch.Core.Tests.Processing;

/// <summary>
/// A host that processes a stream in invocations, carrying each pump's window state and alert state from one to the
/// next in fresh pipelines (as a Lambda does), gets exactly what one pipeline gets from the whole stream, in any split.
/// The oracle is the single run: the property is that splitting changes nothing, bit for bit.
/// </summary>
public sealed class BatchSplitTests
{
    private const long T0Seconds = 1_777_593_600; // 2026-05-01T00:00:00Z
    // Pump 3 is silent from minute 30 to 37: the silence (5 min by default) and the resume must survive the splits too.
    private static readonly PipelineOptions Options = PipelineOptions.Default;

    private static List<RawRecord> Stream()
    {
        var rng = new MathNet.Numerics.Random.MersenneTwister(21);
        var records = new List<RawRecord>();
        for (var s = 0; s < 40 * 60; s++)
        {
            foreach (var pump in new[] { 1, 2, 3 })
            {
                if (pump == 3 && s >= 30 * 60 && s < 37 * 60)
                {
                    continue;
                }

                // Pump 2 develops broadband vibration after 25 minutes.
                var vibration = pump == 2 && s > 25 * 60 ? 4.5 + rng.NextDouble() : 1.5 + (rng.NextDouble() * 0.2);
                var json = FormattableString.Invariant(
                    $"{{\"pump_id\":{pump},\"timestamp\":{T0Seconds + s},\"temperature\":{70 + rng.NextDouble():0.000},\"pressure\":{300 + rng.NextDouble():0.00},\"flow_rate\":600,\"vibration\":{vibration:0.000}}}");
                records.Add(new RawRecord(Encoding.UTF8.GetBytes(json), $"{s}-{pump}", (T0Seconds + s) * 1_000_000));
            }

            if (s % 500 == 7)
            {
                records.Add(new RawRecord("{\"pump_id\":1,"u8.ToArray(), $"{s}-bad", (T0Seconds + s) * 1_000_000));
                records.Add(records[^2] with { RecordId = $"{s}-again" }); // a redelivered record: duplicate
            }
        }

        return records;
    }

    private static AnomalyModel Model(List<RawRecord> records)
    {
        // Trained on the first 20 healthy minutes' windows.
        var names = Options.Features.Names;
        var columns = FeatureSet.ModelDefault.Names.Select(n => names.ToList().IndexOf(n)).ToArray();
        var pipeline = new DetectionPipeline(Options, new NullSink());
        var result = pipeline.ProcessBatch(records.Take(3 * 20 * 60).ToList(), long.MaxValue, closeWindows: true);
        var rows = result.Windows.Where(w => w.Complete).SelectMany(w => columns.Select(c => w.Features[c])).ToArray();
        return AnomalyModel.Train(rows, FeatureSet.ModelDefault.Names, TrainingOptions.Default, DateTimeOffset.UnixEpoch, FeatureSet.Version);
    }

    // One invocation: records [From, To) of the stream, into the host's arrival window (null: event time), closing its windows or not.
    private readonly record struct Invocation(int From, int To, ArrivalWindow? Arrival, bool Close);

    private sealed record Run(List<RecordOutcome> Outcomes, List<WindowResult> Windows, List<Alert> Alerts);

    // Each invocation a fresh pipeline fed the previous one's window state and alert state, as a Lambda host does.
    private static Run Carry(List<RawRecord> records, AnomalyModel model, IEnumerable<Invocation> invocations)
    {
        var windowState = new Dictionary<string, string>();
        var alertState = new Dictionary<string, AlertState>();
        var run = new Run([], [], []);
        foreach (var invocation in invocations)
        {
            var pipeline = new DetectionPipeline(Options, new NullSink(), model);
            foreach (var (pump, state) in windowState)
            {
                pipeline.ImportWindowState(pump, state);
            }

            foreach (var (pump, state) in alertState)
            {
                pipeline.SetAlertState(pump, AlertState.Parse(state.ToString()));
            }

            var result = pipeline.ProcessBatch(records.GetRange(invocation.From, invocation.To - invocation.From), long.MaxValue, invocation.Close, invocation.Arrival);
            run.Outcomes.AddRange(result.Records);
            run.Windows.AddRange(result.Windows);
            run.Alerts.AddRange(result.Alerts);
            windowState = pipeline.StatePumps.ToDictionary(p => p, p => pipeline.ExportWindowState(p)!);
            alertState = pipeline.AlertStates.ToDictionary(p => p.Key, p => p.Value);
        }

        return run;
    }

    private static Run Of(BatchResult result) => new(result.Records, result.Windows, result.Alerts);

    private static void AssertSame(Run single, Run split)
    {
        Assert.Equal(single.Outcomes, split.Outcomes);
        Assert.Equal(single.Windows.Count, split.Windows.Count);
        for (var w = 0; w < split.Windows.Count; w++)
        {
            var (a, b) = (single.Windows[w], split.Windows[w]);
            Assert.Equal((a.PumpId, a.Start, a.End, a.FirstReading, a.LastReading, a.Count, a.Complete, a.ModelId), (b.PumpId, b.Start, b.End, b.FirstReading, b.LastReading, b.Count, b.Complete, b.ModelId));
            // Bit for bit: the state carries every aggregate exactly, so splitting must not change a single rounding.
            Assert.Equal(a.Features.Select(BitConverter.DoubleToInt64Bits), b.Features.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(BitConverter.DoubleToInt64Bits(a.Score), BitConverter.DoubleToInt64Bits(b.Score));
        }

        Assert.Equal(single.Alerts.Select(a => (a.AlertId, a.Kind, a.Severity, a.WindowEnd)), split.Alerts.Select(a => (a.AlertId, a.Kind, a.Severity, a.WindowEnd)));
    }

    // Invocation bounds from..to with 0..maxCuts seeded random cuts strictly inside.
    private static List<int> Cuts(MathNet.Numerics.Random.MersenneTwister rng, int from, int to, int maxCuts) =>
        Enumerable.Range(0, rng.Next(0, maxCuts + 1)).Select(_ => rng.Next(from + 1, Math.Max(from + 2, to))).Where(c => c < to)
            .Append(from).Append(to).Distinct().Order().ToList();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Invocations_CarryingState_EqualOneRun_InAnySplit(int seed)
    {
        var records = Stream();
        var model = Model(records);
        var single = new DetectionPipeline(Options, new NullSink(), model).ProcessBatch(records, long.MaxValue, closeWindows: true);
        Assert.Contains(single.Alerts, a => a.PumpId == "2" && a.Kind == AlertEventKind.Opened);
        Assert.Equal([AlertEventKind.PumpSilent, AlertEventKind.PumpResumed], single.Alerts.Where(a => a.PumpId == "3").Select(a => a.Kind));

        // Split at seeded random points into 1..40 invocations.
        var cuts = Cuts(new MathNet.Numerics.Random.MersenneTwister(seed), 0, records.Count, 40);
        var split = Carry(records, model, cuts.Zip(cuts.Skip(1), (from, to) => new Invocation(from, to, null, to == records.Count)));
        AssertSame(Of(single), split);
    }

    // Lambda tumbling windows of 60 s of arrival time, offset from event time by a 17 s ingestion delay: one invocation
    // per window (its final invoke) equals the same records over many invocations per window with state carried, and
    // every window's bounds are the host's, its readings' span their own.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ArrivalWindows_CarryingState_EqualOneInvocationPerWindow_InAnySplit(int seed)
    {
        const long Delay = 17_000_000, Size = 60_000_000;
        var records = Stream().Select(r => r with { ArrivalMicros = r.ArrivalMicros + Delay }).ToList();
        var model = Model(records);
        var hostWindows = new List<(int From, int To, ArrivalWindow Window)>();
        for (var i = 0; i < records.Count;)
        {
            var start = records[i].ArrivalMicros - (records[i].ArrivalMicros % Size);
            var to = i;
            while (to < records.Count && records[to].ArrivalMicros < start + Size)
            {
                to++;
            }

            hostWindows.Add((i, to, new ArrivalWindow(start, start + Size)));
            i = to;
        }

        var whole = Carry(records, model, hostWindows.Select(w => new Invocation(w.From, w.To, w.Window, true)));
        Assert.Contains(whole.Alerts, a => a.PumpId == "2" && a.Kind == AlertEventKind.Opened);
        Assert.Equal([AlertEventKind.PumpSilent, AlertEventKind.PumpResumed], whole.Alerts.Where(a => a.PumpId == "3").Select(a => a.Kind));
        var window = whole.Windows.First(w => w.PumpId == "1" && w.Start == hostWindows[3].Window.Start);
        Assert.Equal(hostWindows[3].Window.End, window.End);
        Assert.Equal(hostWindows[3].Window.Start - Delay, window.FirstReading);
        Assert.Equal(hostWindows[3].Window.End - Delay - 1_000_000, window.LastReading);

        var rng = new MathNet.Numerics.Random.MersenneTwister(seed);
        var invocations = new List<Invocation>();
        foreach (var (from, to, host) in hostWindows)
        {
            var cuts = Cuts(rng, from, to, 4);
            invocations.AddRange(cuts.Zip(cuts.Skip(1), (a, b) => new Invocation(a, b, host, b == to)));
        }

        AssertSame(whole, Carry(records, model, invocations));
    }

    [Fact]
    public void ProcessBatch_ReportsEachRecordWithItsId_AndTheBatchCounts()
    {
        var records = Stream().Take(3 * 60).ToList();
        records.Insert(5, new RawRecord("not json"u8.ToArray(), "poison", 0));
        records.Insert(9, records[8] with { RecordId = "redelivered" });
        var result = new DetectionPipeline(Options, new NullSink()).ProcessBatch(records, long.MaxValue);
        Assert.Equal(records.Select(r => r.RecordId), result.Records.Select(r => r.RecordId));
        var poison = result.Records.Single(r => r.RecordId == "poison");
        Assert.Equal((ReadingStatus.Quarantined, QuarantineReason.MalformedJson), (poison.Status, poison.Reason));
        Assert.Equal(ReadingStatus.Duplicate, result.Records.Single(r => r.RecordId == "redelivered").Status);
        // The stream's own malformed and redelivered records (at second 7) count too.
        var bad = records.Count(r => r.RecordId == "poison" || r.RecordId.EndsWith("-bad", StringComparison.Ordinal));
        var again = records.Count(r => r.RecordId == "redelivered" || r.RecordId.EndsWith("-again", StringComparison.Ordinal));
        Assert.Equal((2, 2), (bad, again));
        Assert.Equal(((long)records.Count - bad - again, (long)again, (long)bad), (result.Accepted, result.Duplicates, result.Quarantined));
    }

    private sealed class NullSink : DetectionSink;
}
