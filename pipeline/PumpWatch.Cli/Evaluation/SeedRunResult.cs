namespace PumpWatch.Cli.Evaluation;

/// <summary>One seed of the fleet scenario in evaluation.json: its size, what was found, its model's threshold, and how long it took.</summary>
internal sealed record SeedRunResult(int Seed, long Readings, long ScoredWindows, long TrainingWindows, double Threshold, int Faults, int Detected, int FalseAlerts,
    double PumpDays, double FalseAlertsPerPumpDay, double Seconds);
