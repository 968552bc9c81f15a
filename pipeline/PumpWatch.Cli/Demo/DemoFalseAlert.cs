namespace PumpWatch.Cli.Demo;

/// <summary>An opened alert that overlaps no injected fault of its pump.</summary>
internal sealed record DemoFalseAlert(string AlertId, string PumpId, string At, double Score, string Severity);
