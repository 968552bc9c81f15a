namespace PumpWatch.Core.Forest;

/// <summary>Isolation forest settings: t trees, subsample size psi (capped at the number of rows), and the RNG seed.</summary>
public sealed record ForestOptions(int Trees = 100, int MaxSamples = 256, int Seed = 42)
{
    public static ForestOptions Default { get; } = new();
}
