namespace PumpWatch.Core.Baselines;

/// <summary>One residual feature: its name, sensor, kind, and whether only a rise counts as evidence.</summary>
public sealed record ResidualFeature(string Name, string Sensor, ResidualKind Kind, bool UpOnly);
