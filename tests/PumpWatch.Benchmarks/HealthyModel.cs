using System.Text;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Simulator;

namespace PumpWatch.Benchmarks;

/// <summary>A model as <c>pumpwatch train</c> makes it with the defaults: three healthy simulated hours, seed 2.</summary>
internal static class HealthyModel
{
    public static AnomalyModel Train(int pumps, DateTimeOffset start)
    {
        var healthy = new SimulatorOptions(pumps, TimeSpan.FromSeconds(1), start, TimeSpan.FromHours(3), 2, 0, []);
        var collector = new FeatureCollector(PipelineOptions.Default.Features, FeatureSet.ModelDefault);
        var training = new DetectionPipeline(PipelineOptions.Default, collector);
        foreach (var reading in new PumpSimulator(healthy).Generate())
        {
            training.Process(Encoding.UTF8.GetBytes(reading.ToLine()), long.MaxValue);
        }

        training.CloseAllWindows();
        return AnomalyModel.Train(collector.Rows.ToArray(), FeatureSet.ModelDefault.Names, TrainingOptions.Default, start, FeatureSet.Version);
    }

    /// <summary>The model features of every window (the pipeline has no model yet), as rows for training.</summary>
    private sealed class FeatureCollector(FeatureSet computed, FeatureSet model) : DetectionSink
    {
        private readonly int[] _columns = model.Names.Select(computed.IndexOf).ToArray();

        public List<double> Rows { get; } = [];

        public override void OnWindow(ScoredWindow window)
        {
            foreach (var column in _columns)
            {
                Rows.Add(window.Features[column]);
            }
        }
    }
}
