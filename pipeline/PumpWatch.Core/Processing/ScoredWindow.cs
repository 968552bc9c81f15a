namespace PumpWatch.Core.Processing;

/// <summary>
/// A closed window with its features (in <see cref="DetectionPipeline.FeatureNames"/> order) and, when a model
/// is loaded, its anomaly score. Reused by the pipeline: copy what you keep.
/// </summary>
public sealed class ScoredWindow
{
    internal ScoredWindow(int featureCount) => Features = new double[featureCount];

    public string PumpId { get; internal set; } = "";

    public long Start { get; internal set; }

    public long End { get; internal set; }

    public int Count { get; internal set; }

    /// <summary>
    /// Readings a window of this pump holds at its typical sampling interval (0 when not yet known); a window with too
    /// few of them is not <see cref="Complete"/>.
    /// </summary>
    public double ExpectedCount { get; internal set; }

    /// <summary>False for a window with too few readings to be scored (see <see cref="PipelineOptions.MinWindowCoverage"/>): stored, never scored or trained on.</summary>
    public bool Complete { get; internal set; } = true;

    public double[] Features { get; }

    /// <summary>The score alerts are decided on: the isolation score raised by the training envelope (NaN without a model).</summary>
    public double Score { get; internal set; } = double.NaN;

    /// <summary>The isolation forest's own anomaly score s (NaN without a model).</summary>
    public double IsolationScore { get; internal set; } = double.NaN;

    public double Threshold { get; internal set; } = double.NaN;

    public string? ModelId { get; internal set; }

    public bool Exceeds => Score > Threshold;

    /// <summary>A standalone window (tests, stores replaying rows); the pipeline reuses its own instance instead.</summary>
    public static ScoredWindow Create(string pumpId, long start, long end, int count, double score, double threshold, string? modelId, double[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var window = new ScoredWindow(features.Length)
        {
            PumpId = pumpId, Start = start, End = end, Count = count, ExpectedCount = count, Score = score, IsolationScore = score, Threshold = threshold, ModelId = modelId,
        };
        features.CopyTo(window.Features, 0);
        return window;
    }
}
