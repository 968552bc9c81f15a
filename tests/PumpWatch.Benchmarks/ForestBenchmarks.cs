using BenchmarkDotNet.Attributes;
using MathNet.Numerics.Random;
using PumpWatch.Core.Forest;

namespace PumpWatch.Benchmarks;

/// <summary>Isolation forest, t = 100, psi = 256, on 100,000 x 8. Target for scoring: at least 1,000,000 rows/s on one core, 0 bytes per row.</summary>
[MemoryDiagnoser]
public class ForestBenchmarks
{
    private const int Rows = 100_000;
    private const int Width = 8;
    private double[] _data = [];
    private double[] _scores = [];
    private IsolationForest _forest = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new MersenneTwister(1);
        _data = new double[Rows * Width];
        for (var i = 0; i < _data.Length; i++)
        {
            _data[i] = rng.NextDouble();
        }

        _scores = new double[Rows];
        _forest = IsolationForest.Fit(_data, Width, ForestOptions.Default);
    }

    [Benchmark]
    public IsolationForest Fit() => IsolationForest.Fit(_data, Width, ForestOptions.Default);

    /// <summary>One operation = one row.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public double Score()
    {
        _forest.Score(_data, _scores);
        return _scores[0];
    }
}
