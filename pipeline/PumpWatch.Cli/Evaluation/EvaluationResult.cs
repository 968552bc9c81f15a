namespace PumpWatch.Cli.Evaluation;

/// <summary>What <c>pumpwatch evaluate</c> writes as JSON: the scenario, each seed group's results, NAB's, and the targets.</summary>
internal sealed record EvaluationResult(FleetScenarioResult? Fleet, IReadOnlyList<SeedGroupResult> Groups, NabResult? Nab, IReadOnlyList<TargetResult> Targets);
