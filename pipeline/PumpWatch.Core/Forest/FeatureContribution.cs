namespace PumpWatch.Core.Forest;

/// <summary>One feature's share in isolating a point, with its value against the training baseline.</summary>
public sealed record FeatureContribution(string Feature, double Weight, double Value, double BaselineMean, double BaselineStd);
