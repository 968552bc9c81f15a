namespace PumpWatch.Core.Forest;

/// <summary>How to train a model: forest settings, scaler, and the threshold (a fixed value wins over a false-alarm rate).</summary>
public sealed record TrainingOptions(
    ForestOptions Forest,
    ScalerKind Scaler = ScalerKind.Standard,
    double FalseAlarmRate = 0.01,
    double? FixedThreshold = null)
{
    public static TrainingOptions Default { get; } = new(ForestOptions.Default);
}
