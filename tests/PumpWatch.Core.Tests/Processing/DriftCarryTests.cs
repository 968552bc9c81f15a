using PumpWatch.Core.Baselines;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;

namespace PumpWatch.Core.Tests.Processing;

/// <summary>
/// A per-pump baselines model's level drift travels in the pump's state string: a host that scores in invocations,
/// carrying the strings (as the Lambda does), scores every window as one pipeline over the whole stream does, bit for
/// bit; dropping the drift part changes the scores, so the drift is really in use. The same holds for a model without a
/// flow sensor, whose recent levels travel with the drift.
/// </summary>
public sealed class DriftCarryTests
{
    private static readonly PipelineOptions Options = PipelineOptions.Default;

    [Fact]
    public void Invocations_CarryingTheDrift_ScoreAsOneRun_AndWithoutItDiffer()
    {
        // After training pump 2's pressure gauge reads 0.5 psi high (a swapped sensor's offset), which its drift follows.
        var records = BaselineStream.Records(3, _ => 0.5);
        var (model, split) = BaselineStream.Train(records, Options);
        var scored = records.Skip(split).ToList();
        var single = new DetectionPipeline(Options, new BaselineStream.NullSink(), model);
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

    [Fact]
    public void Invocations_OfAModelWithoutFlow_CarryTheRecentLevel_AndScoreAsOneRun()
    {
        // Temperature alone: no operating point, so its level is scored as its recent level (pumpwatch.residuals/2),
        // which the state string carries as pumpwatch.drift/2.
        var records = BaselineStream.Records(3, _ => 0);
        var (model, split) = BaselineStream.Train(records, Options, FeatureSet.ModelDefaultFor(["temperature"]));
        Assert.Contains("temperature.recent_level_z", model.Features);
        var scored = records.Skip(split).ToList();
        var single = new DetectionPipeline(Options, new BaselineStream.NullSink(), model);
        var one = single.ProcessBatch(scored, long.MaxValue, closeWindows: true).Windows;

        var state = single.ExportWindowState("2")!.Split(DetectionPipeline.DriftSeparator)[1];
        Assert.StartsWith(LevelDrift.RecentVersion + " ", state, StringComparison.Ordinal);
        Assert.True(double.IsFinite(LevelDrift.TryDecode(state)!.Recent[model.Features.ToList().IndexOf("temperature.recent_level_z")]), state);

        var carried = Invocations(model, scored, keepDrift: true);
        var dropped = Invocations(model, scored, keepDrift: false);
        Assert.Equal(one.Select(w => (w.PumpId, w.End, BitConverter.DoubleToInt64Bits(w.Score))), carried.Select(w => (w.PumpId, w.End, BitConverter.DoubleToInt64Bits(w.Score))));
        Assert.NotEqual(one.Select(w => BitConverter.DoubleToInt64Bits(w.Score)), dropped.Select(w => BitConverter.DoubleToInt64Bits(w.Score)));
    }

    [Fact]
    public void ResetState_ForgetsTheDrift_SoAReusedPipelineScoresAsANewOne()
    {
        // The Lambda keeps one pipeline per container and resets it before each invocation's imported state: a pump
        // without state in the next invocation must not keep the drift the pipeline learnt for it before.
        var records = BaselineStream.Records(3, _ => 0.5);
        var (model, split) = BaselineStream.Train(records, Options);
        var scored = records.Skip(split).ToList();
        var fresh = new DetectionPipeline(Options, new BaselineStream.NullSink(), model).ProcessBatch(scored, long.MaxValue, closeWindows: true).Windows;

        var reused = new DetectionPipeline(Options, new BaselineStream.NullSink(), model);
        reused.ProcessBatch(scored, long.MaxValue, closeWindows: true);
        reused.ResetState();
        var again = reused.ProcessBatch(scored, long.MaxValue, closeWindows: true).Windows;

        Assert.Equal(fresh.Select(w => (w.PumpId, w.End, BitConverter.DoubleToInt64Bits(w.Score))), again.Select(w => (w.PumpId, w.End, BitConverter.DoubleToInt64Bits(w.Score))));
    }

    // One invocation per 20 minutes of readings, each a fresh pipeline fed the previous one's state strings.
    private static List<WindowResult> Invocations(AnomalyModel model, List<RawRecord> records, bool keepDrift)
    {
        var state = new Dictionary<string, string>();
        var windows = new List<WindowResult>();
        const int PerInvocation = 3 * 60;
        for (var from = 0; from < records.Count; from += PerInvocation)
        {
            var pipeline = new DetectionPipeline(Options, new BaselineStream.NullSink(), model);
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
}
