using System.Text;
using BenchmarkDotNet.Attributes;
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
        _model = HealthyModel.Train(Pumps, Start);

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
}
