using PumpWatch.Simulator;

namespace PumpWatch.Cli.Evaluation;

/// <summary>The simulated fleet an evaluation runs for each seed: pumps, run length, sampling interval and the scenario's settings.</summary>
internal sealed record FleetSettings(int Pumps, TimeSpan Duration, TimeSpan Interval, FleetOptions Scenario)
{
    /// <summary>Simulated time starts here for every seed (the simulator's fixed start), so a seed names one data set.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Pump-days after the healthy lead: what false alerts are counted over.</summary>
    public double EvaluatedPumpDays => Pumps * (Duration - Scenario.HealthyLead).TotalDays;

    public SimulatorOptions ForSeed(int seed) => FleetScenario.Draw(new SimulatorOptions(Pumps, Interval, Start, Duration, seed), Scenario);
}
