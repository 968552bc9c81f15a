using PumpWatch.Core.Forest;

namespace PumpWatch.Testing;

/// <summary>Small trained models for store tests: a few trees over seeded random rows, so artifacts stay a few kilobytes.</summary>
public static class TestModels
{
    public static readonly string[] Features = ["temperature.mean", "vibration.rms", "pressure_flow_ratio"];

    /// <summary>A model trained on 200 rows drawn with <paramref name="seed"/>; another seed gives another model.</summary>
    public static AnomalyModel Train(int seed)
    {
        var random = new Random(seed);
        var rows = new double[200 * Features.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = (random.NextDouble() * 10) + (i % Features.Length);
        }

        var options = new TrainingOptions(new ForestOptions(Trees: 8, MaxSamples: 64, Seed: seed));
        return AnomalyModel.Train(rows, Features, options, new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), "test/1");
    }

    /// <summary>Feature rows to score a model on, drawn with a fixed seed (row-major, <see cref="Features"/> columns).</summary>
    public static double[] ProbeRows()
    {
        var random = new Random(99);
        var rows = new double[20 * Features.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = random.NextDouble() * 15;
        }

        return rows;
    }
}
