using System.Text;
using BenchmarkDotNet.Attributes;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Simulator;

namespace PumpWatch.Benchmarks;

/// <summary>
/// The whole <see cref="DetectionPipeline"/> per reading (decode, validate, window, features, score, alert policy) into
/// a sink that does nothing, with a model trained on healthy simulated readings. Target: at least 1,500,000 readings/s
/// on one core.
/// </summary>
/// <remarks>
/// A pipeline keeps per-pump state and refuses readings older than it has seen, so every iteration gets a fresh one,
/// warmed with the first <see cref="WarmupReadings"/> readings (per-pump tables, window pools) outside the measurement.
/// </remarks>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private const int Pumps = 10;
    private const int Readings = 100_000;
    private const int WarmupReadings = 6_000;
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private byte[][] _lines = [];
    private AnomalyModel _model = null!;
    private DetectionPipeline _pipeline = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Three healthy hours (no faults), seed 2, train the model as `pumpwatch train` would.
        var healthy = new SimulatorOptions(Pumps, TimeSpan.FromSeconds(1), Start, TimeSpan.FromHours(3), 2, 0, []);
        var collector = new FeatureCollector(PipelineOptions.Default.Features, FeatureSet.ModelDefault);
        var training = new DetectionPipeline(PipelineOptions.Default, collector);
        foreach (var reading in new PumpSimulator(healthy).Generate())
        {
            training.Process(Encoding.UTF8.GetBytes(reading.ToLine()), long.MaxValue);
        }

        training.CloseAllWindows();
        _model = AnomalyModel.Train(collector.Rows.ToArray(), FeatureSet.ModelDefault.Names, TrainingOptions.Default, Start, FeatureSet.Version);

        // The measured stream: later, seed 1, with the simulator's own fault schedule, so some windows alert.
        var scored = new SimulatorOptions(Pumps, TimeSpan.FromSeconds(1), Start.AddHours(3), TimeSpan.FromSeconds(Readings / Pumps), 1, 0);
        _lines = new PumpSimulator(scored).Generate().Select(r => Encoding.UTF8.GetBytes(r.ToLine())).ToArray();
    }

    [IterationSetup]
    public void FreshPipeline()
    {
        _pipeline = new DetectionPipeline(PipelineOptions.Default, new NullSink(), _model);
        for (var i = 0; i < WarmupReadings; i++)
        {
            _pipeline.Process(_lines[i], long.MaxValue);
        }
    }

    /// <summary>One operation = one reading.</summary>
    [Benchmark(OperationsPerInvoke = Readings - WarmupReadings)]
    public long DecodeToAlerts()
    {
        var lines = _lines;
        for (var i = WarmupReadings; i < lines.Length; i++)
        {
            _pipeline.Process(lines[i], long.MaxValue);
        }

        return _pipeline.Counters.Windows;
    }

    /// <summary>Every callback a no-op: the benchmark measures the pipeline, not a store.</summary>
    private sealed class NullSink : DetectionSink
    {
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
