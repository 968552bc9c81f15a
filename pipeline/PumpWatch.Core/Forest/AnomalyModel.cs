using System.Buffers;
using System.Runtime.CompilerServices;
using MathNet.Numerics.Statistics;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Baselines;

namespace PumpWatch.Core.Forest;

/// <summary>
/// A trained detector: feature names in order, scaler, isolation forest, threshold, and training summary.
/// Scores raw feature vectors (scaling them first); serialised by <see cref="ModelArtifact"/>.
/// </summary>
public sealed class AnomalyModel
{
    private const int MaxStackFeatures = 256;

    // Rows scaled at a time by the batch Score: a multiple of the forest's 8-row block, small enough to stay in cache.
    private const int ScaleBlockRows = 512;

    // Training rows scored per parallel task when calibrating the threshold: one task for a few thousand windows.
    private const int ParallelChunkRows = 16_384;

    internal AnomalyModel(string modelId, DateTimeOffset created, string featureSetVersion, IReadOnlyList<string> features,
        FeatureScaler scaler, IsolationForest forest, int seed, Threshold threshold, TrainingSummary training, TrainingEnvelope envelope)
    {
        ModelId = modelId;
        Created = created;
        FeatureSetVersion = featureSetVersion;
        Features = features;
        Scaler = scaler;
        Forest = forest;
        Seed = seed;
        Threshold = threshold;
        Training = training;
        Envelope = envelope;
    }

    /// <summary>Content hash of the model (features, scaler, trees, threshold); equal models have equal ids.</summary>
    public string ModelId { get; internal set; }

    public DateTimeOffset Created { get; }

    public string FeatureSetVersion { get; }

    public IReadOnlyList<string> Features { get; }

    public FeatureScaler Scaler { get; }

    public IsolationForest Forest { get; }

    public int Seed { get; }

    public Threshold Threshold { get; }

    public TrainingSummary Training { get; }

    /// <summary>The range of every feature in training; raises window scores far outside it (<see cref="ScoreWindow(ReadOnlySpan{double}, out double)"/>).</summary>
    public TrainingEnvelope Envelope { get; }

    /// <summary>The windows, sensors and column mapping the model was trained under; null for a tabular model.</summary>
    public ModelInput? Input { get; private init; }

    /// <summary>
    /// The per-pump baselines that turn a window's pipeline features into the residual features the forest was trained
    /// on (<see cref="Features"/> then names residuals, <see cref="InputFeatures"/> the pipeline features read); null for a
    /// model trained on the pipeline's features directly (tabular models, and models written before schema 2).
    /// </summary>
    public PumpBaselines? Baselines { get; private init; }

    /// <summary>The alert budget's calibration: the k-of-n policy chosen with <see cref="Threshold"/>; null when none was made.</summary>
    public AlertCalibration? Calibration { get; private init; }

    /// <summary>The pipeline features a window must provide: the baselines' inputs, else <see cref="Features"/>.</summary>
    public IReadOnlyList<string> InputFeatures => Baselines?.Layout.Inputs ?? Features;

    /// <summary>This model with the settings that shaped its input recorded; they are part of its content, so its id changes.</summary>
    public AnomalyModel WithInput(ModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var model = new AnomalyModel("", Created, FeatureSetVersion, Features, Scaler, Forest, Seed, Threshold, Training, Envelope)
        {
            Input = input, Baselines = Baselines, Calibration = Calibration,
        };
        model.ModelId = ModelArtifact.ContentId(model);
        return model;
    }

    /// <summary>This model (trained on <paramref name="baselines"/>' residual features) with its baselines and, when given, the alert budget's calibration, whose threshold it then uses.</summary>
    public AnomalyModel WithBaselines(PumpBaselines baselines, AlertCalibration? calibration)
    {
        ArgumentNullException.ThrowIfNull(baselines);
        if (!baselines.Layout.Names.SequenceEqual(Features))
        {
            throw new ArgumentException("the baselines' residual features are not the model's features", nameof(baselines));
        }

        var threshold = calibration is null ? Threshold : new Threshold(calibration.Threshold, Threshold.AlertBudgetMethod, null);
        var model = new AnomalyModel("", Created, FeatureSetVersion, Features, Scaler, Forest, Seed, threshold, Training, Envelope)
        {
            Input = Input, Baselines = baselines, Calibration = calibration,
        };
        model.ModelId = ModelArtifact.ContentId(model);
        return model;
    }

    /// <summary>Trains scaler, forest and threshold on <paramref name="rows"/> (row-major, one column per feature; NaN allowed).</summary>
    public static AnomalyModel Train(ReadOnlySpan<double> rows, IReadOnlyList<string> features, TrainingOptions options,
        DateTimeOffset created, string featureSetVersion, DateTimeOffset? from = null, DateTimeOffset? to = null, double halfDistance = TrainingEnvelope.DefaultHalfDistance)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        var width = features.Count;
        if (width == 0 || rows.Length == 0 || rows.Length % width != 0)
        {
            throw new ArgumentException($"need at least one row of {width} features", nameof(rows));
        }

        var n = rows.Length / width;
        var scaler = FeatureScaler.Fit(rows, width, options.Scaler);
        var scaled = new double[rows.Length];
        for (var r = 0; r < n; r++)
        {
            scaler.Transform(rows.Slice(r * width, width), scaled.AsSpan(r * width, width));
        }

        var forest = IsolationForest.Fit(scaled, width, options.Forest);

        // Calibration scores the training rows, which costs more than growing the trees on a large table (567,498
        // rows: about 0.3 s scoring against 10 ms fitting): a large table may score a sample (see CalibrationSample),
        // and chunks go to every core; each row's score is the same.
        var calibrationRows = scaled;
        if (options.SampledCalibration && CalibrationSample.Draw(n, options.FalseAlarmRate, options.Forest.Seed) is { } sample)
        {
            calibrationRows = new double[sample.Length * width];
            for (var i = 0; i < sample.Length; i++)
            {
                scaled.AsSpan(sample[i] * width, width).CopyTo(calibrationRows.AsSpan(i * width, width));
            }
        }

        var scored = calibrationRows.Length / width;
        var scores = new double[scored];
        var chunks = (scored + ParallelChunkRows - 1) / ParallelChunkRows;
        Parallel.For(0, chunks, chunk =>
        {
            var first = chunk * ParallelChunkRows;
            var count = Math.Min(ParallelChunkRows, scored - first);
            forest.Score(calibrationRows.AsSpan(first * width, count * width), scores.AsSpan(first, count));
        });
        var threshold = options.FixedThreshold is { } value
            ? Threshold.Fixed(value)
            : Threshold.FromFalseAlarmRate(scores, options.FalseAlarmRate);

        Array.Sort(scores);
        var quantiles = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["p50"] = SortedArrayStatistics.QuantileCustom(scores, 0.5, QuantileDefinition.R7),
            ["p90"] = SortedArrayStatistics.QuantileCustom(scores, 0.9, QuantileDefinition.R7),
            ["p99"] = SortedArrayStatistics.QuantileCustom(scores, 0.99, QuantileDefinition.R7),
            ["max"] = scores[^1],
        };

        var mean = new double[width];
        var std = new double[width];
        var min = new double[width];
        var max = new double[width];
        var column = new List<double>(n);
        for (var f = 0; f < width; f++)
        {
            column.Clear();
            for (var r = 0; r < n; r++)
            {
                var v = rows[(r * width) + f];
                if (!double.IsNaN(v))
                {
                    column.Add(v);
                }
            }

            // As an array: MathNet's array path, the same arithmetic as its streaming one without an enumerator call per value.
            var values = column.ToArray();
            mean[f] = values.Length > 0 ? ArrayStatistics.Mean(values) : double.NaN;
            std[f] = values.Length > 1 ? ArrayStatistics.StandardDeviation(values) : double.NaN;
            min[f] = values.Length > 0 ? ArrayStatistics.Minimum(values) : double.NaN;
            max[f] = values.Length > 0 ? ArrayStatistics.Maximum(values) : double.NaN;
        }

        var summary = new TrainingSummary(n, from, to, quantiles, mean, std, min, max);
        var envelope = new TrainingEnvelope(min, max, std, options.EnvelopeDeadZone, halfDistance);
        var model = new AnomalyModel("", created, featureSetVersion, features.ToArray(), scaler, forest, options.Forest.Seed, threshold, summary, envelope);
        model.ModelId = ModelArtifact.ContentId(model);
        return model;
    }

    /// <summary>Anomaly score s of a raw feature vector; does not allocate.</summary>
    public double Score(ReadOnlySpan<double> raw)
    {
        Span<double> scaled = raw.Length <= MaxStackFeatures ? stackalloc double[raw.Length] : new double[raw.Length];
        Scaler.Transform(raw, scaled);
        return Forest.Score(scaled);
    }

    /// <summary>
    /// Anomaly scores s of raw feature vectors (row-major, <see cref="Features"/> columns) into <paramref name="scores"/>,
    /// equal to <see cref="Score(ReadOnlySpan{double})"/> row by row: rows are scaled a block at a time and go through
    /// the forest's block scorer. Allocates nothing per row (one pooled buffer per call); safe to call concurrently.
    /// </summary>
    // Optimised from the first call, as the forest's block scorer is (see there).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Score(ReadOnlySpan<double> rows, Span<double> scores)
    {
        var width = Features.Count;
        if (rows.Length != scores.Length * width)
        {
            throw new ArgumentException($"expected {scores.Length} rows of {width} features", nameof(rows));
        }

        var buffer = ArrayPool<double>.Shared.Rent(ScaleBlockRows * width);
        try
        {
            for (var r = 0; r < scores.Length; r += ScaleBlockRows)
            {
                var count = Math.Min(ScaleBlockRows, scores.Length - r);
                var scaled = buffer.AsSpan(0, count * width);
                var raw = rows.Slice(r * width, count * width);
                for (var k = 0; k < count; k++)
                {
                    Scaler.Transform(raw.Slice(k * width, width), scaled.Slice(k * width, width));
                }

                Forest.Score(scaled, scores.Slice(r, count));
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The score a window is alerted on: the isolation score, raised when a feature lies far outside the training
    /// range (<see cref="TrainingEnvelope"/>). Equals <see cref="Score(ReadOnlySpan{double})"/> for everything inside the envelope.
    /// </summary>
    public double ScoreWindow(ReadOnlySpan<double> raw, out double isolationScore)
    {
        isolationScore = Score(raw);
        return Envelope.Raise(isolationScore, Envelope.MaxExcess(raw, out _));
    }

    /// <summary>
    /// The score a window of <paramref name="pumpId"/> starting at <paramref name="windowStart"/> is alerted on, from its
    /// <see cref="InputFeatures"/>. With baselines: NaN (not scored) unless the pump is running, else the isolation score
    /// of its residuals raised by the largest residual evidence past the envelope's dead zone; without, as
    /// <see cref="ScoreWindow(ReadOnlySpan{double}, out double)"/>. Does not allocate.
    /// </summary>
    public double ScoreWindow(ReadOnlySpan<double> inputs, string pumpId, long windowStart, out double isolationScore)
    {
        Span<double> z = Features.Count <= MaxStackFeatures ? stackalloc double[Features.Count] : new double[Features.Count];
        return ScoreWindow(inputs, pumpId, windowStart, null, TimeSpan.Zero, z, out isolationScore);
    }

    /// <summary>
    /// As <see cref="ScoreWindow(ReadOnlySpan{double}, string, long, out double)"/>, with the pump's runtime state
    /// (<see cref="LevelDrift"/>; null for none): its recent levels move by the <paramref name="window"/>'s length and
    /// replace the window's own, and its drift is taken from the level residuals; the residuals it scored are left in
    /// <paramref name="z"/> (<see cref="Features"/> long; undefined when the window is not scored).
    /// </summary>
    public double ScoreWindow(ReadOnlySpan<double> inputs, string pumpId, long windowStart, LevelDrift? state, TimeSpan window, Span<double> z, out double isolationScore)
    {
        if (Baselines is not { } baselines)
        {
            return ScoreWindow(inputs, out isolationScore);
        }

        if (baselines.Residuals(inputs, pumpId, windowStart, state, window, z, out var evidence) != OperatingState.Running)
        {
            isolationScore = double.NaN;
            return double.NaN;
        }

        isolationScore = Score(z);
        return Envelope.Raise(isolationScore, evidence);
    }

    /// <summary>The pump's operating state in the window and, when running, its residual features into <paramref name="z"/> with the largest evidence.</summary>
    public OperatingState Residuals(ReadOnlySpan<double> inputs, string pumpId, long windowStart, Span<double> z, out double evidence) =>
        Residuals(inputs, pumpId, windowStart, null, z, out evidence);

    /// <summary>
    /// As <see cref="Residuals(ReadOnlySpan{double}, string, long, Span{double}, out double)"/>, as the window was scored with
    /// the pump's runtime state (<see cref="LevelDrift"/>; null for none): its recent levels, read without moving them,
    /// and its drift taken off.
    /// </summary>
    public OperatingState Residuals(ReadOnlySpan<double> inputs, string pumpId, long windowStart, LevelDrift? state, Span<double> z, out double evidence)
    {
        ArgumentNullException.ThrowIfNull(pumpId);
        evidence = 0;
        if (Baselines is not { } baselines)
        {
            inputs.CopyTo(z);
            return OperatingState.Running;
        }

        return baselines.Residuals(inputs, pumpId, windowStart, state, TimeSpan.Zero, z, out evidence);
    }

    /// <summary>
    /// The <paramref name="top"/> features that raised a window of <paramref name="pumpId"/>'s score, from its
    /// <see cref="InputFeatures"/>: with baselines, its residuals (evidence first, then isolation weight).
    /// </summary>
    public IReadOnlyList<FeatureContribution> TopContributions(ReadOnlySpan<double> inputs, string pumpId, long windowStart, int top = 3) =>
        TopContributions(inputs, pumpId, windowStart, null, top);

    /// <summary>As <see cref="TopContributions(ReadOnlySpan{double}, string, long, int)"/>, as the window was scored with the pump's runtime state (<see cref="LevelDrift"/>; null for none).</summary>
    public IReadOnlyList<FeatureContribution> TopContributions(ReadOnlySpan<double> inputs, string pumpId, long windowStart, LevelDrift? state, int top = 3)
    {
        if (Baselines is null)
        {
            return TopContributions(inputs, top);
        }

        var z = new double[Features.Count];
        Residuals(inputs, pumpId, windowStart, state, z, out _);
        var scaled = new double[z.Length];
        Scaler.Transform(z, scaled);
        var weights = new double[z.Length];
        Forest.Contributions(scaled, weights);
        var layout = Baselines.Layout;
        var order = Enumerable.Range(0, z.Length)
            .OrderByDescending(i => PumpBaseline.Evidence(layout.Residuals[i], z[i]) is var e && e > Envelope.DeadZone ? e : double.NegativeInfinity)
            .ThenByDescending(i => weights[i]).ThenBy(i => i).Take(top);
        return order.Select(i => new FeatureContribution(Features[i], weights[i], z[i], 0, 1, PumpBaseline.Evidence(layout.Residuals[i], z[i]))).ToList();
    }

    /// <summary>
    /// The <paramref name="top"/> features that isolated <paramref name="raw"/> most, heaviest first; a feature beyond the
    /// envelope's dead zone comes first whatever its isolation weight, since it is what raised the score.
    /// </summary>
    public IReadOnlyList<FeatureContribution> TopContributions(ReadOnlySpan<double> raw, int top = 3)
    {
        var scaled = new double[raw.Length];
        Scaler.Transform(raw, scaled);
        var weights = new double[raw.Length];
        Forest.Contributions(scaled, weights);
        var excess = new double[raw.Length];
        for (var f = 0; f < raw.Length; f++)
        {
            excess[f] = Envelope.Excess(f, raw[f]);
        }

        var order = Enumerable.Range(0, raw.Length)
            .OrderByDescending(i => excess[i] > Envelope.DeadZone ? excess[i] : double.NegativeInfinity)
            .ThenByDescending(i => weights[i]).ThenBy(i => i).Take(top);
        var list = new List<FeatureContribution>();
        foreach (var i in order)
        {
            list.Add(new FeatureContribution(Features[i], weights[i], raw[i], Training.FeatureMean[i], Training.FeatureStd[i], excess[i]));
        }

        return list;
    }

    /// <summary>Checks that this model can score the features <paramref name="available"/>.</summary>
    /// <exception cref="ModelMismatchException">A feature the model needs is missing, or the feature-set version differs.</exception>
    public void EnsureCompatible(IReadOnlyCollection<string> available, string featureSetVersion)
    {
        ArgumentNullException.ThrowIfNull(available);
        // Feature set 2 only added features, so a model of feature set 1 finds every feature it knows, computed as before.
        if (featureSetVersion != FeatureSetVersion && !(featureSetVersion == PumpWatch.Core.Features.FeatureSet.Version && FeatureSetVersion == PumpWatch.Core.Features.FeatureSet.PreviousVersion))
        {
            throw new ModelMismatchException($"model {ModelId} was trained on feature set {FeatureSetVersion}, this build computes {featureSetVersion}");
        }

        if (Baselines is not null && Baselines.Layout.Names.Count != Features.Count)
        {
            throw new ModelMismatchException($"model {ModelId}: its baselines do not match its features");
        }

        var missing = InputFeatures.Where(f => !available.Contains(f)).ToList();
        if (missing.Count > 0)
        {
            throw new ModelMismatchException($"model {ModelId} needs feature(s) {string.Join(", ", missing)} that the input does not provide");
        }
    }
}
