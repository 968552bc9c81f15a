using System.Text;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Tests.Processing;

/// <summary>
/// A host that processes a stream in invocations, carrying each pump's window state and alert state from one to the
/// next in fresh pipelines (as a Lambda does), gets exactly what one pipeline gets from the whole stream, in any split.
/// The oracle is the single run: the property is that splitting changes nothing, bit for bit.
/// </summary>
public sealed class BatchSplitTests
{
    private const long T0Seconds = 1_777_593_600; // 2026-05-01T00:00:00Z
    private static readonly PipelineOptions Options = PipelineOptions.Default with { PumpSilentAfter = TimeSpan.Zero };

    private static List<RawRecord> Stream()
    {
        var rng = new MathNet.Numerics.Random.MersenneTwister(21);
        var records = new List<RawRecord>();
        for (var s = 0; s < 40 * 60; s++)
        {
            foreach (var pump in new[] { 1, 2, 3 })
            {
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

        // Split at seeded random points into 2..40 invocations; each one a fresh pipeline fed the previous one's state.
        var rng = new MathNet.Numerics.Random.MersenneTwister(seed);
        var cuts = Enumerable.Range(0, rng.Next(1, 40)).Select(_ => rng.Next(1, records.Count)).Append(0).Append(records.Count).Distinct().Order().ToList();
        var windowState = new Dictionary<string, string>();
        var alertState = new Dictionary<string, AlertState>();
        var outcomes = new List<RecordOutcome>();
        var windows = new List<WindowResult>();
        var alerts = new List<Alert>();
        for (var i = 0; i + 1 < cuts.Count; i++)
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

            var result = pipeline.ProcessBatch(records.GetRange(cuts[i], cuts[i + 1] - cuts[i]), long.MaxValue, closeWindows: i + 2 == cuts.Count);
            outcomes.AddRange(result.Records);
            windows.AddRange(result.Windows);
            alerts.AddRange(result.Alerts);
            windowState = pipeline.StatePumps.ToDictionary(p => p, p => pipeline.ExportWindowState(p)!);
            alertState = pipeline.AlertStates.ToDictionary(p => p.Key, p => p.Value);
        }

        Assert.Equal(single.Records, outcomes);
        Assert.Equal(single.Windows.Count, windows.Count);
        for (var w = 0; w < windows.Count; w++)
        {
            var (a, b) = (single.Windows[w], windows[w]);
            Assert.Equal((a.PumpId, a.Start, a.End, a.FirstReading, a.LastReading, a.Count, a.Complete, a.ModelId), (b.PumpId, b.Start, b.End, b.FirstReading, b.LastReading, b.Count, b.Complete, b.ModelId));
            // Bit for bit: the state carries every aggregate exactly, so splitting must not change a single rounding.
            Assert.Equal(a.Features.Select(BitConverter.DoubleToInt64Bits), b.Features.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(BitConverter.DoubleToInt64Bits(a.Score), BitConverter.DoubleToInt64Bits(b.Score));
        }

        Assert.Equal(single.Alerts.Select(a => (a.AlertId, a.Kind, a.Severity, a.WindowEnd)), alerts.Select(a => (a.AlertId, a.Kind, a.Severity, a.WindowEnd)));
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
