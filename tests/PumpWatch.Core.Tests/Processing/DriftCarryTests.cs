using System.Text;
using PumpWatch.Core.Baselines;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Training;

namespace PumpWatch.Core.Tests.Processing;

/// <summary>
/// A per-pump baselines model's level drift travels in the pump's state string: a host that scores in invocations,
/// carrying the strings (as the Lambda does), scores every window as one pipeline over the whole stream does, bit for
/// bit; dropping the drift part changes the scores, so the drift is really in use.
/// </summary>
public sealed class DriftCarryTests
{
    private const long T0Seconds = 1_777_593_600; // 2026-05-01T00:00:00Z
    private const int TrainHours = 34;
    private const int ScoreHours = 3;
    private static readonly PipelineOptions Options = PipelineOptions.Default;

    // Three pumps every 20 s with flow wandering along each pump's system curve; after training pump 2's pressure
    // gauge reads 0.5 psi high (a swapped sensor's offset), which its drift follows.
    private static List<RawRecord> Stream()
    {
        var rng = new MathNet.Numerics.Random.MersenneTwister(5);
        var records = new List<RawRecord>();
        for (var s = 0; s < (TrainHours + ScoreHours) * 3600; s += 20)
        {
            foreach (var pump in new[] { 1, 2, 3 })
            {
                var q = 0.9 + (0.08 * Math.Sin((s / 5400.0) + pump)) + (0.005 * rng.NextDouble());
                var offset = pump == 2 && s >= TrainHours * 3600 ? 0.5 : 0;
                var json = FormattableString.Invariant(
                    $"{{\"pump_id\":{pump},\"timestamp\":{T0Seconds + s},\"temperature\":{60 + (10 * q * q) + rng.NextDouble():0.000},\"pressure\":{150 + (160 * q * q) + rng.NextDouble() + offset:0.000},\"flow_rate\":{600 * q:0.00},\"vibration\":{1.5 + (0.2 * rng.NextDouble()):0.000}}}");
                records.Add(new RawRecord(Encoding.UTF8.GetBytes(json), $"{s}-{pump}", (T0Seconds + s) * 1_000_000));
            }
        }

        return records;
    }

    private static (AnomalyModel Model, int Split) Train(List<RawRecord> records)
    {
        var trainEnd = (T0Seconds + (TrainHours * 3600L)) * 1_000_000;
        var collector = new TrainingCollector(Options.Features, FeatureSet.ModelDefault, w => w.End <= trainEnd);
        var split = records.FindIndex(r => r.ArrivalMicros >= trainEnd);
        new DetectionPipeline(Options, collector).ProcessBatch(records.Take(split).ToList(), long.MaxValue, closeWindows: true);
        var model = collector.Train(TrainingOptions.Default, DateTimeOffset.UnixEpoch);
        Assert.NotNull(model.Baselines);
        return (model, split);
    }

    [Fact]
    public void Invocations_CarryingTheDrift_ScoreAsOneRun_AndWithoutItDiffer()
    {
        var records = Stream();
        var (model, split) = Train(records);
        var scored = records.Skip(split).ToList();
        var single = new DetectionPipeline(Options, new NullSink(), model);
        var one = single.ProcessBatch(scored, long.MaxValue, closeWindows: true).Windows;

        // Pump 2's pressure drift has followed its 0.5 psi offset upwards.
        var drift = LevelDrift.TryDecode(single.ExportWindowState("2")!.Split(DetectionPipeline.DriftSeparator)[1]);
        Assert.NotNull(drift);
        Assert.True(drift.Offsets[model.Features.ToList().IndexOf("pressure.residual_z")] > 0.2, $"pressure drift {drift.Encode()}");

        var carried = Invocations(model, scored, keepDrift: true);
        var dropped = Invocations(model, scored, keepDrift: false);
        Assert.Equal(one.Count, carried.Count);
        Assert.Equal(one.Select(w => (w.PumpId, w.End, BitConverter.DoubleToInt64Bits(w.Score))), carried.Select(w => (w.PumpId, w.End, BitConverter.DoubleToInt64Bits(w.Score))));
        Assert.NotEqual(one.Select(w => BitConverter.DoubleToInt64Bits(w.Score)), dropped.Select(w => BitConverter.DoubleToInt64Bits(w.Score)));
    }

    // One invocation per 20 minutes of readings, each a fresh pipeline fed the previous one's state strings.
    private static List<WindowResult> Invocations(AnomalyModel model, List<RawRecord> records, bool keepDrift)
    {
        var state = new Dictionary<string, string>();
        var windows = new List<WindowResult>();
        const int PerInvocation = 3 * 60;
        for (var from = 0; from < records.Count; from += PerInvocation)
        {
            var pipeline = new DetectionPipeline(Options, new NullSink(), model);
            foreach (var (pump, text) in state)
            {
                pipeline.ImportWindowState(pump, keepDrift ? text : text.Split(DetectionPipeline.DriftSeparator)[0]);
            }

            var last = from + PerInvocation >= records.Count;
            windows.AddRange(pipeline.ProcessBatch(records.GetRange(from, Math.Min(PerInvocation, records.Count - from)), long.MaxValue, closeWindows: last).Windows);
            state = pipeline.StatePumps.ToDictionary(p => p, p => pipeline.ExportWindowState(p)!);
        }

        return windows;
    }

    private sealed class NullSink : DetectionSink;
}
