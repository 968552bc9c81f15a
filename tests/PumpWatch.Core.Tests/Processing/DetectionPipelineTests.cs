using System.Text;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Tests.Processing;

public sealed class DetectionPipelineTests
{
    private sealed class Collector : IDetectionSink
    {
        public int Readings { get; private set; }

        public List<(QuarantineReason Reason, string Detail)> Quarantined { get; } = [];

        public List<(string Pump, double Score, double[] Features)> Windows { get; } = [];

        public List<Alert> Alerts { get; } = [];

        public void OnReading(ParsedReading reading) => Readings++;

        public void OnQuarantined(ReadOnlySpan<byte> raw, string? pumpId, long? timestamp, QuarantineReason reason, string detail) => Quarantined.Add((reason, detail));

        public void OnWindow(ScoredWindow window) => Windows.Add((window.PumpId, window.Score, (double[])window.Features.Clone()));

        public void OnAlert(Alert alert) => Alerts.Add(alert);
    }

    private static string Json(int pump, int second, double vibration, double temperature = 70) =>
        FormattableString.Invariant($$"""{"pump_id": {{pump}}, "timestamp": "{{EventTime.Format(1_777_636_800_000_000 + (second * 1_000_000L))}}", "temperature": {{temperature}}, "pressure": 300, "flow_rate": 600, "vibration": {{vibration}}}""");

    [Fact]
    public void Pipeline_HealthyThenFaulty_ScoresWindowsAndRaisesAnAlertNamingVibration()
    {
        var rng = new MathNet.Numerics.Random.MersenneTwister(1);
        var sink = new Collector();
        var pipeline = new DetectionPipeline(PipelineOptions.Default, sink);
        // 3 hours healthy at 1 Hz, two pumps, no model: windows carry features only.
        for (var s = 0; s < 3 * 3600; s++)
        {
            foreach (var pump in new[] { 1, 2 })
            {
                pipeline.Process(Encoding.UTF8.GetBytes(Json(pump, s, 1.5 + (rng.NextDouble() * 0.2), 70 + rng.NextDouble())), long.MaxValue);
            }
        }

        Assert.All(sink.Windows, w => Assert.True(double.IsNaN(w.Score)));
        var names = pipeline.FeatureNames;
        var modelFeatures = FeatureSet.ModelDefault.Names.Where(n => !n.StartsWith("pressure", StringComparison.Ordinal) && !n.StartsWith("flow", StringComparison.Ordinal)).ToList();
        var rows = sink.Windows.SelectMany(w => modelFeatures.Select(f => w.Features[names.ToList().IndexOf(f)])).ToArray();
        pipeline.Model = AnomalyModel.Train(rows, modelFeatures, TrainingOptions.Default, DateTimeOffset.UnixEpoch, FeatureSet.Version);

        // Then pump 2 shows a bearing fault for 10 minutes: broadband vibration near 4.5 mm/s, bearing temperature climbing.
        for (var s = 3 * 3600; s < (3 * 3600) + 600; s++)
        {
            pipeline.Process(Encoding.UTF8.GetBytes(Json(1, s, 1.5 + (rng.NextDouble() * 0.2), 70 + rng.NextDouble())), long.MaxValue);
            pipeline.Process(Encoding.UTF8.GetBytes(Json(2, s, 4.5 + (rng.NextDouble() * 1.5), 70 + rng.NextDouble() + ((s - (3 * 3600)) / 30.0))), long.MaxValue);
        }

        pipeline.Process("{\"pump_id\": 1, \"timestamp\": \"bad\", \"vibration\": 1}"u8, long.MaxValue);
        pipeline.CloseAllWindows();
        var last = sink.Windows.Where(w => w.Pump == "2").TakeLast(5).Select(w => w.Score);
        Assert.True(sink.Alerts.Count == 1, $"threshold {pipeline.Model.Threshold.Value}, last scores of pump 2: {string.Join(", ", last)}");
        var alert = Assert.Single(sink.Alerts);
        Assert.Equal("2", alert.PumpId);
        Assert.Equal(3, alert.TopFeatures.Count);
        Assert.Contains(alert.TopFeatures, f => f.Feature.StartsWith("vibration", StringComparison.Ordinal));
        Assert.Contains("zone D", alert.Context, StringComparison.Ordinal);
        Assert.Equal(QuarantineReason.BadTimestamp, Assert.Single(sink.Quarantined).Reason);
        Assert.Equal(1, pipeline.Counters.Quarantined);
        Assert.Equal(2 * ((3 * 3600) + 600), pipeline.Counters.Accepted);
    }

    [Fact]
    public void SustainedSingleSensorFault_OpensOneAlertThatStaysOpen()
    {
        var rng = new MathNet.Numerics.Random.MersenneTwister(4);
        var sink = new Collector();
        var pipeline = new DetectionPipeline(PipelineOptions.Default, sink);
        for (var s = 0; s < 3 * 3600; s++)
        {
            foreach (var pump in new[] { 1, 2, 3 })
            {
                pipeline.Process(Encoding.UTF8.GetBytes(Json(pump, s, 1.2 + (0.2 * pump) + (rng.NextDouble() * 0.2), 65 + (3 * pump) + rng.NextDouble())), long.MaxValue);
            }
        }

        var names = pipeline.FeatureNames.ToList();
        var model = FeatureSet.ModelDefault;
        var rows = sink.Windows.SelectMany(w => model.Names.Select(f => w.Features[names.IndexOf(f)])).ToArray();
        pipeline.Model = AnomalyModel.Train(rows, model.Names, TrainingOptions.Default, DateTimeOffset.UnixEpoch, FeatureSet.Version);

        // Pump 2's vibration steps up by 3 mm/s (zone D) and stays there for an hour; nothing else changes.
        for (var s = 3 * 3600; s < 4 * 3600; s++)
        {
            foreach (var pump in new[] { 1, 2, 3 })
            {
                var step = pump == 2 ? 3.0 : 0.0;
                pipeline.Process(Encoding.UTF8.GetBytes(Json(pump, s, 1.2 + (0.2 * pump) + step + (rng.NextDouble() * 0.2), 65 + (3 * pump) + rng.NextDouble())), long.MaxValue);
            }
        }

        pipeline.CloseAllWindows();
        var alert = Assert.Single(sink.Alerts);
        Assert.Equal(("2", AlertEventKind.Opened, AlertSeverity.Critical), (alert.PumpId, alert.Kind, alert.Severity));
        Assert.StartsWith("vibration", alert.TopFeatures[0].Feature, StringComparison.Ordinal);
        Assert.True(alert.TopFeatures[0].DeviationsBeyondTraining > 3);
    }

    [Fact]
    public void Model_WithFeaturesThePipelineLacks_IsRefused()
    {
        var model = AnomalyModel.Train(new double[] { 1, 2, 3, 4 }, ["rpm.mean"], TrainingOptions.Default, DateTimeOffset.UnixEpoch, FeatureSet.Version);
        var pipeline = new DetectionPipeline(PipelineOptions.Default, new Collector());
        Assert.Throws<ModelMismatchException>(() => pipeline.Model = model);
    }
}
