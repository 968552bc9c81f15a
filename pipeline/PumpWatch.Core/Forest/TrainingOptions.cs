namespace PumpWatch.Core.Forest;

/// <summary>
/// How to train a model: forest settings, scaler, the threshold (a fixed value wins over a false-alarm rate), and the
/// dead zone of the training envelope in standard deviations (see <see cref="TrainingEnvelope"/>; infinity turns it off).
/// Window models are trained on per-pump baselines (<see cref="PerPumpBaselines"/>) with their threshold and k-of-n policy
/// calibrated to <see cref="FalseAlertsPerPumpDay"/>; <see cref="FalseAlarmRate"/> is for tabular models and window models
/// trained without baselines.
/// </summary>
public sealed record TrainingOptions(
    ForestOptions Forest,
    ScalerKind Scaler = ScalerKind.Standard,
    double FalseAlarmRate = 0.01,
    double? FixedThreshold = null,
    double EnvelopeDeadZone = TrainingEnvelope.DefaultDeadZone)
{
    /// <summary>The alert budget a window model is calibrated to: false alerts per pump-day on held-out healthy windows.</summary>
    public double FalseAlertsPerPumpDay { get; init; } = 0.1;

    /// <summary>Judge each pump against its own healthy behaviour (residual features); false trains on the pipeline's features as before.</summary>
    public bool PerPumpBaselines { get; init; } = true;

    /// <summary>The share of the training period, at its end, held out to calibrate the alert budget on.</summary>
    public double CalibrationShare { get; init; } = 0.25;

    /// <summary>
    /// Choose the threshold and the score quantiles of the training summary from a seeded sample of a large table's rows
    /// (see <see cref="CalibrationSample"/>) instead of every row; tables no larger than the sample score every row.
    /// </summary>
    public bool SampledCalibration { get; init; }

    public static TrainingOptions Default { get; } = new(ForestOptions.Default);
}
