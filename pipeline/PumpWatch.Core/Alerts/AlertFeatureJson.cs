namespace PumpWatch.Core.Alerts;

/// <summary>One contributing feature in the JSON form of an alert.</summary>
internal sealed record AlertFeatureJson(string Feature, string Unit, double Weight, double Value, double BaselineMean, double BaselineStd, double DeviationsBeyondTraining);
