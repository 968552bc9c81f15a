namespace PumpWatch.Cli.Evaluation;

/// <summary>One false alert of a fleet run in evaluation.json: where, when, how high it scored, and its likely cause (<see cref="FalseAlertCauses"/>) and the features that raised it.</summary>
internal sealed record FleetFalseAlert(int Seed, string PumpId, string WindowEnd, double Score, string Cause, string Evidence);
