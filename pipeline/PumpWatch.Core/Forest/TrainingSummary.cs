namespace PumpWatch.Core.Forest;

/// <summary>
/// What a model was trained on: row count, event-time range, score quantiles (of the rows the threshold was calibrated
/// on: every row, or a sample with <see cref="TrainingOptions.SampledCalibration"/>), and each feature's mean, std, min and max.
/// </summary>
public sealed record TrainingSummary(
    long Rows,
    DateTimeOffset? From,
    DateTimeOffset? To,
    IReadOnlyDictionary<string, double> ScoreQuantiles,
    IReadOnlyList<double> FeatureMean,
    IReadOnlyList<double> FeatureStd,
    IReadOnlyList<double> FeatureMin,
    IReadOnlyList<double> FeatureMax);
