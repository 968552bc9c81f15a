using System.Text;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Training;

namespace PumpWatch.Core.Tests.Processing;

/// <summary>
/// A stream long enough for a per-pump baselines model (a fitted part of more than a day): three pumps every 20 s with
/// flow wandering along each pump's system curve, and a pressure offset on pump 2 after training as the test chooses.
/// </summary>
internal static class BaselineStream
{
    public const long T0Seconds = 1_777_593_600; // 2026-05-01T00:00:00Z
    public const int TrainHours = 34;

    public static List<RawRecord> Records(int scoreHours, Func<int, double> pump2PressureOffset)
    {
        var rng = new MathNet.Numerics.Random.MersenneTwister(5);
        var records = new List<RawRecord>();
        for (var s = 0; s < (TrainHours + scoreHours) * 3600; s += 20)
        {
            foreach (var pump in new[] { 1, 2, 3 })
            {
                var q = 0.9 + (0.08 * Math.Sin((s / 5400.0) + pump)) + (0.005 * rng.NextDouble());
                var offset = pump == 2 && s >= TrainHours * 3600 ? pump2PressureOffset(s - (TrainHours * 3600)) : 0;
                var json = FormattableString.Invariant(
                    $"{{\"pump_id\":{pump},\"timestamp\":{T0Seconds + s},\"temperature\":{60 + (10 * q * q) + rng.NextDouble():0.000},\"pressure\":{150 + (160 * q * q) + rng.NextDouble() + offset:0.000},\"flow_rate\":{600 * q:0.00},\"vibration\":{1.5 + (0.2 * rng.NextDouble()):0.000}}}");
                records.Add(new RawRecord(Encoding.UTF8.GetBytes(json), $"{s}-{pump}", (T0Seconds + s) * 1_000_000));
            }
        }

        return records;
    }

    /// <summary>A model trained with the defaults (on <paramref name="modelFeatures"/>, default the tutorial's) on the first <see cref="TrainHours"/>, and the index of the first record after them.</summary>
    public static (AnomalyModel Model, int Split) Train(List<RawRecord> records, PipelineOptions options, FeatureSet? modelFeatures = null)
    {
        var trainEnd = (T0Seconds + (TrainHours * 3600L)) * 1_000_000;
        var collector = new TrainingCollector(options.Features, modelFeatures ?? FeatureSet.ModelDefault, w => w.End <= trainEnd);
        var split = records.FindIndex(r => r.ArrivalMicros >= trainEnd);
        new DetectionPipeline(options, collector).ProcessBatch(records.Take(split).ToList(), long.MaxValue, closeWindows: true);
        var model = collector.Train(TrainingOptions.Default, DateTimeOffset.UnixEpoch);
        Assert.NotNull(model.Baselines);
        return (model, split);
    }

    public sealed class NullSink : DetectionSink;
}
