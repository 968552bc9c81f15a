namespace PumpWatch.Simulator;

/// <summary>
/// Healthy variation of a run that is not a fault: the site's ambient drift and each pump's stops, load changes and
/// swapped sensors (<see cref="Events"/>, the events file). Null in <see cref="SimulatorOptions.Plan"/> keeps every pump
/// running at its own daily cycle, as the default schedule always has.
/// </summary>
public sealed record OperatingPlan(SiteAmbient Ambient, IReadOnlyList<HealthyEvent> Events);
