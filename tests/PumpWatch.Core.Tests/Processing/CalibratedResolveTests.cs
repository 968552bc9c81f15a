using PumpWatch.Core.Alerts;
using PumpWatch.Core.Processing;

namespace PumpWatch.Core.Tests.Processing;

/// <summary>A calibrated model's k-of-n alert resolves after 2n normal windows in a row, not the host's default 5.</summary>
public sealed class CalibratedResolveTests
{
    [Fact]
    public void CalibratedAlert_ResolvesAfterTwiceNNormalWindows()
    {
        // Pump 2's pressure reads 20 psi high for the first 30 minutes after training (tens of deviations), then right again.
        var options = PipelineOptions.Default;
        var records = BaselineStream.Records(2, s => s < 1800 ? 20 : 0);
        var (model, split) = BaselineStream.Train(records, options);
        Assert.NotNull(model.Calibration);
        var n = model.Calibration.N;
        Assert.True(2 * n > options.Alerts.ResolveAfter, $"n = {n}: 2n must exceed the default {options.Alerts.ResolveAfter} for the test to tell");

        var result = new DetectionPipeline(options, new BaselineStream.NullSink(), model).ProcessBatch(records.Skip(split).ToList(), long.MaxValue, closeWindows: true);
        var opened = Assert.Single(result.Alerts, a => a.PumpId == "2" && a.Kind == AlertEventKind.Opened);
        var resolved = Assert.Single(result.Alerts, a => a.PumpId == "2" && a.Kind == AlertEventKind.Resolved);

        // The scored windows of pump 2 after its last one above the threshold, up to the one that resolved the alert.
        var scored = result.Windows.Where(w => w.PumpId == "2" && double.IsFinite(w.Score)).OrderBy(w => w.End).ToList();
        var lastAbove = scored.Last(w => w.Score > w.Threshold && w.End <= resolved.WindowEnd).End;
        Assert.True(lastAbove > opened.WindowEnd);
        Assert.Equal(2 * n, scored.Count(w => w.End > lastAbove && w.End <= resolved.WindowEnd));
    }
}
