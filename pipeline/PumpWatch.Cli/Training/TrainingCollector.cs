using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Training;

/// <summary>Collects the model features of unscored windows that pass a filter, then trains a model on them.</summary>
internal sealed class TrainingCollector(FeatureSet pipelineFeatures, FeatureSet modelFeatures, Func<ScoredWindow, bool> include) : DetectionSink
{
    private readonly int[] _columns = modelFeatures.Names.Select(n => pipelineFeatures.IndexOf(n) is var i and >= 0 ? i : throw new UserError($"feature '{n}' is not computed by this pipeline")).ToArray();
    private readonly List<double> _rows = [];
    private readonly HashSet<(string Pump, long Start)> _used = [];

    public int Windows { get; private set; }

    public long? From { get; private set; }

    public long? To { get; private set; }

    public override void OnWindow(ScoredWindow window)
    {
        if (!double.IsNaN(window.Score) || !include(window))
        {
            return;
        }

        foreach (var column in _columns)
        {
            _rows.Add(window.Features[column]);
        }

        Windows++;
        _used.Add((window.PumpId, window.Start));
        From = Math.Min(From ?? window.Start, window.Start);
        To = Math.Max(To ?? window.End, window.End);
    }

    /// <summary>Whether the window of <paramref name="pump"/> starting at <paramref name="start"/> was trained on (a backtest leaves those out of its metrics).</summary>
    public bool Used(string pump, long start) => _used.Contains((pump, start));

    public AnomalyModel Train(TrainingOptions options, DateTimeOffset created)
    {
        if (Windows < 2)
        {
            throw new UserError($"only {Windows} window(s) to train on: give more data, a longer warm-up, or shorter windows");
        }

        return AnomalyModel.Train(_rows.ToArray(), modelFeatures.Names, options, created, FeatureSet.Version,
            From is { } f ? EventTime.ToDateTimeOffset(f) : null, To is { } t ? EventTime.ToDateTimeOffset(t) : null);
    }
}
