namespace PumpWatch.Cli.Evaluation;

/// <summary>The fleet scenario's settings in evaluation.json, so a result says what it was measured on.</summary>
internal sealed record FleetScenarioResult(int Pumps, string Duration, string Interval, double FaultRatePerPumpDay, string HealthyLead, bool HealthyVariation, string Window,
    IReadOnlyList<int> TuningSeeds, IReadOnlyList<int> HeldOutSeeds);
