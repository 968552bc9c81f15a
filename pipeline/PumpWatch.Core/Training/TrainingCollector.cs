using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Training;

/// <summary>
/// Collects the model features of complete, unscored windows that pass a filter (a warm-up, a time range, the first readings of
/// each pump), then trains a model on them. Every host trains this way: the demo, <c>train</c> and <c>backtest</c>.
/// </summary>
public sealed class TrainingCollector : DetectionSink
{
    private readonly FeatureSet _modelFeatures;
    private readonly Func<ScoredWindow, bool> _include;
    private readonly int[] _columns;
    private readonly List<double> _rows = [];
    private readonly HashSet<(string Pump, long Start)> _used = [];

    /// <exception cref="ModelMismatchException">A model feature is not computed by the pipeline.</exception>
    public TrainingCollector(FeatureSet pipelineFeatures, FeatureSet modelFeatures, Func<ScoredWindow, bool> include)
    {
        ArgumentNullException.ThrowIfNull(pipelineFeatures);
        ArgumentNullException.ThrowIfNull(modelFeatures);
        ArgumentNullException.ThrowIfNull(include);
        _modelFeatures = modelFeatures;
        _include = include;
        _columns = new int[modelFeatures.Count];
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i] = pipelineFeatures.IndexOf(modelFeatures.Names[i]);
            if (_columns[i] < 0)
            {
                throw new ModelMismatchException($"feature '{modelFeatures.Names[i]}' is not computed by this pipeline");
            }
        }
    }

    public int Windows { get; private set; }

    public long? From { get; private set; }

    public long? To { get; private set; }

    public override void OnWindow(ScoredWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (!window.Complete || !double.IsNaN(window.Score) || !_include(window))
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

    /// <summary>Trains on what was collected.</summary>
    /// <exception cref="TrainingDataException">Fewer than two windows were collected.</exception>
    public AnomalyModel Train(TrainingOptions options, DateTimeOffset created)
    {
        if (Windows < 2)
        {
            throw new TrainingDataException($"only {Windows} window(s) to train on: give more data, a longer warm-up, or shorter windows");
        }

        return AnomalyModel.Train(_rows.ToArray(), _modelFeatures.Names, options, created, FeatureSet.Version,
            From is { } f ? EventTime.ToDateTimeOffset(f) : null, To is { } t ? EventTime.ToDateTimeOffset(t) : null);
    }
}
