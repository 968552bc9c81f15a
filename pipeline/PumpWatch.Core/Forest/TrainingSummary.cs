namespace PumpWatch.Core.Forest;

/// <summary>What a model was trained on: row count, event-time range, score quantiles, and each feature's mean, std, min and max.</summary>
public sealed record TrainingSummary(
    long Rows,
    DateTimeOffset? From,
    DateTimeOffset? To,
    IReadOnlyDictionary<string, double> ScoreQuantiles,
    IReadOnlyList<double> FeatureMean,
    IReadOnlyList<double> FeatureStd,
    IReadOnlyList<double> FeatureMin,
    IReadOnlyList<double> FeatureMax);
