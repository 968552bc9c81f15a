namespace PumpWatch.Cli.Evaluation;

/// <summary>One of the detection targets in evaluation.json: what it asks, what was measured on what, and whether it is met (null when not measured).</summary>
internal sealed record TargetResult(string Target, string Basis, double? Measured, bool? Met);
