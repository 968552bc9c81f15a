namespace PumpWatch.Simulator;

/// <summary>
/// What to simulate: pumps, sampling interval, start, duration, seed, the rate of malformed messages, and the faults
/// (null: a schedule drawn from the seed by <see cref="FaultSchedule.Auto"/>; empty: none), and the healthy variation
/// of operation (<see cref="Plan"/>; <see cref="FleetScenario"/> draws both for a fleet).
/// </summary>
public sealed record SimulatorOptions(
    int Pumps,
    TimeSpan Interval,
    DateTimeOffset Start,
    TimeSpan Duration,
    int Seed,
    double MalformedRate = 0.0,
    IReadOnlyList<FaultSpec>? Faults = null)
{
    /// <summary>Stops, load changes, swapped sensors and ambient drift; null: every pump runs steadily at its daily cycle.</summary>
    public OperatingPlan? Plan { get; init; }

    /// <summary>The tutorial's five pumps at 1 Hz for one hour.</summary>
    public static SimulatorOptions Default(DateTimeOffset start) => new(5, TimeSpan.FromSeconds(1), start, TimeSpan.FromHours(1), 1);

    /// <summary>The first problem with these options, or null.</summary>
    public string? Problem() =>
        Pumps is < 1 or > 100_000 ? $"pumps = {Pumps} must be 1..100000"
        : Interval <= TimeSpan.Zero ? $"interval {Interval} must be positive"
        : Duration <= TimeSpan.Zero ? $"duration {Duration} must be positive"
        : MalformedRate is < 0 or > 1 ? $"malformed rate {MalformedRate} must be 0..1"
        : null;
}
