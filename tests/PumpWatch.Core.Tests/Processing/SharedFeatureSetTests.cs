using System.Text;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Tests.Processing;

/// <summary>Pipelines on several threads (several shards in one process) share the default feature set without sharing its lookups.</summary>
public sealed class SharedFeatureSetTests
{
    private sealed class VibrationMeans(int column) : DetectionSink
    {
        public List<double> Means { get; } = [];

        public override void OnWindow(ScoredWindow window) => Means.Add(window.Features[column]);
    }

    [Fact]
    public async Task TwoPipelinesWithDifferentCatalogOrders_OnTwoThreads_EachComputeTheirOwnFeatures()
    {
        // Same FeatureSet instance, catalogs in opposite sensor order: any shared index cache would mix the sensors up.
        var forward = PipelineOptions.Default;
        var reversed = PipelineOptions.Default with { Sensors = PipelineOptions.Default.Sensors.Reverse().ToList() };
        Assert.Same(forward.Features, reversed.Features);
        var column = forward.Features.IndexOf("vibration.mean");

        static List<double> Run(PipelineOptions options, double vibration, int column)
        {
            var sink = new VibrationMeans(column);
            var pipeline = new DetectionPipeline(options, sink);
            for (var s = 0; s < 2000 * 60; s++)
            {
                var json = $"{{\"pump_id\":1,\"timestamp\":{1_777_636_800 + s},\"temperature\":70,\"pressure\":300,\"flow_rate\":600,\"vibration\":{vibration}}}";
                pipeline.Process(Encoding.UTF8.GetBytes(json), long.MaxValue);
            }

            pipeline.CloseAllWindows();
            return sink.Means;
        }

        var a = Task.Run(() => Run(forward, 1.5, column));
        var b = Task.Run(() => Run(reversed, 3.25, column));
        // Every window's vibration mean is the constant each pipeline was fed (exact: the mean of equal values).
        Assert.All(await a, m => Assert.Equal(1.5, m));
        Assert.All(await b, m => Assert.Equal(3.25, m));
        Assert.Equal(2000, (await a).Count);
    }
}
