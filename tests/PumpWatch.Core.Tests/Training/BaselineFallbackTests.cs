using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Tests.Processing;
using PumpWatch.Core.Training;

namespace PumpWatch.Core.Tests.Training;

/// <summary>When training keeps the fleet-wide envelope instead of per-pump baselines, it says why (train and backtest print it).</summary>
public sealed class BaselineFallbackTests
{
    private static (TrainingCollector Collector, AnomalyModel Model) Train(int hours, TrainingOptions options)
    {
        var records = BaselineStream.Records(0, _ => 0);
        var end = (BaselineStream.T0Seconds + (hours * 3600L)) * 1_000_000;
        var pipelineOptions = PipelineOptions.Default;
        var collector = new TrainingCollector(pipelineOptions.Features, Features.FeatureSet.ModelDefault, w => w.End <= end);
        new DetectionPipeline(pipelineOptions, collector).ProcessBatch(records, long.MaxValue, closeWindows: true);
        return (collector, collector.Train(options, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void ShortPeriod_KeepsTheEnvelope_AndNamesTheSpanAndWhatIsNeeded()
    {
        var (collector, model) = Train(10, TrainingOptions.Default);
        Assert.Null(model.Baselines);

        // By hand: one-minute windows from 00:00 to 10:00 span 10 h; half a day to fit with the last quarter held out
        // needs 12 h / (1 - 0.25) = 16 h.
        var reason = collector.WithoutBaselines(TrainingOptions.Default);
        Assert.Equal("the training windows span 10 h and baselines need 16 h (half a day to fit, the last 25% held out to calibrate the alert budget)", reason);
    }

    [Fact]
    public void LongEnoughPeriod_FitsBaselines_AndGivesNoReason()
    {
        var (collector, model) = Train(17, TrainingOptions.Default);
        Assert.NotNull(model.Baselines);
        Assert.Null(collector.WithoutBaselines(TrainingOptions.Default));
    }

    [Fact]
    public void BaselinesTurnedOff_SaysSo()
    {
        var off = TrainingOptions.Default with { PerPumpBaselines = false };
        var (collector, model) = Train(17, off);
        Assert.Null(model.Baselines);
        Assert.Equal("per-pump baselines are turned off in the training options", collector.WithoutBaselines(off));
    }
}
