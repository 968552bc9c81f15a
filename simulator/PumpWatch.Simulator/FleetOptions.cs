namespace PumpWatch.Simulator;

/// <summary>
/// The fleet scenario's settings: faults per pump-day after the healthy lead (the period a model trains on, kept free
/// of faults), and whether healthy variation (stops, load changes, swapped sensors, ambient drift) is put in.
/// </summary>
public sealed record FleetOptions(double FaultRatePerPumpDay, TimeSpan HealthyLead, bool HealthyVariation = true)
{
    /// <summary>0.25 faults per pump-day after a one-day healthy lead: 100 pumps over 3 days get 50 faults, 5 or 6 of each kind.</summary>
    public static FleetOptions Default { get; } = new(0.25, TimeSpan.FromDays(1));

    /// <summary>The first problem with these settings for a run of <paramref name="duration"/>, or null.</summary>
    public string? Problem(TimeSpan duration) =>
        !(FaultRatePerPumpDay is >= 0 and <= 24) ? $"fault rate {FaultRatePerPumpDay} per pump-day must be 0..24"
        : HealthyLead < TimeSpan.Zero || HealthyLead >= duration ? $"healthy lead {HealthyLead} must be at least 0 and shorter than the run ({duration})"
        : null;
}
