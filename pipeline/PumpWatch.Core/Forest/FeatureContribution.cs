namespace PumpWatch.Core.Forest;

/// <summary>
/// One feature's share in isolating a point, with its value against the training baseline, and how many training
/// standard deviations it lies beyond anything seen in training (0 when inside the training range), and its unit
/// ("" when unknown or unitless).
/// </summary>
public sealed record FeatureContribution(string Feature, double Weight, double Value, double BaselineMean, double BaselineStd, double DeviationsBeyondTraining = 0, string Unit = "");
