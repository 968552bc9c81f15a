namespace PumpWatch.Core.Forest;

/// <summary>
/// How to train a model: forest settings, scaler, the threshold (a fixed value wins over a false-alarm rate), and the
/// dead zone of the training envelope in standard deviations (see <see cref="TrainingEnvelope"/>; infinity turns it off).
/// </summary>
public sealed record TrainingOptions(
    ForestOptions Forest,
    ScalerKind Scaler = ScalerKind.Standard,
    double FalseAlarmRate = 0.01,
    double? FixedThreshold = null,
    double EnvelopeDeadZone = TrainingEnvelope.DefaultDeadZone)
{
    public static TrainingOptions Default { get; } = new(ForestOptions.Default);
}
