using System.Text;
using PumpWatch.Core.Features;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;
using PumpWatch.Core.Training;

namespace PumpWatch.Core.Tests.Processing;

/// <summary>Windows with fewer than half the readings their pump's sampling interval implies are stored, never scored or trained on.</summary>
public sealed class PartialWindowTests
{
    private const long T0Seconds = 1_777_636_800; // 2026-05-01T12:00:00Z, a minute boundary

    private sealed class Windows : DetectionSink
    {
        public List<(long StartSecond, int Count, bool Complete, double Expected)> Seen { get; } = [];

        public override void OnWindow(ScoredWindow window) =>
            Seen.Add(((window.Start / 1_000_000) - T0Seconds, window.Count, window.Complete, window.ExpectedCount));
    }

    private static byte[] Json(long second) =>
        Encoding.UTF8.GetBytes($"{{\"pump_id\":\"A\",\"timestamp\":{T0Seconds + second},\"vibration\":1.5,\"temperature\":70}}");

    [Fact]
    public void FirstAndLastWindowOfARun_WithTooFewReadings_AreNotComplete()
    {
        var sink = new Windows();
        var collector = new TrainingCollector(PipelineOptions.Default.Features, FeatureSet.FromNames(["vibration.mean"]), _ => true);
        var pipeline = new DetectionPipeline(PipelineOptions.Default, new CompositeSink(sink, collector));
        // 1 Hz from 40 s to 130 s: [0,60) holds 20 readings, [60,120) 60, [120,180) 11; 60 are expected at 1 Hz.
        for (var s = 40L; s <= 130; s++)
        {
            pipeline.Process(Json(s), long.MaxValue);
        }

        pipeline.CloseAllWindows();
        Assert.Equal([(0L, 20, false, 60.0), (60L, 60, true, 60.0), (120L, 11, false, 60.0)], sink.Seen);
        Assert.Equal(2, pipeline.Counters.PartialWindows);
        Assert.Equal(1, collector.Windows);
    }

    [Fact]
    public void CoverageZero_ScoresEveryWindow()
    {
        var sink = new Windows();
        var pipeline = new DetectionPipeline(PipelineOptions.Default with { MinWindowCoverage = 0 }, sink);
        for (var s = 40L; s <= 130; s++)
        {
            pipeline.Process(Json(s), long.MaxValue);
        }

        pipeline.CloseAllWindows();
        Assert.All(sink.Seen, w => Assert.True(w.Complete));
        Assert.Equal(0, pipeline.Counters.PartialWindows);
    }
}
