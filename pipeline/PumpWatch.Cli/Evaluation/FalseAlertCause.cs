namespace PumpWatch.Cli.Evaluation;

/// <summary>How many false alerts of a group of fleet runs are put down to one healthy change (<see cref="FalseAlertCauses"/>).</summary>
internal sealed record FalseAlertCause(string Cause, int FalseAlerts);
