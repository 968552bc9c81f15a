namespace PumpWatch.Cli.Demo;

/// <summary>An injected fault in the demo summary: what, when, and whether and how soon an alert found it.</summary>
internal sealed record DemoFault(string PumpId, string Fault, string? Sensor, string Start, string End, double ActiveMinutes, bool Detected, string? DetectedAt, double? MinutesAfterOnset, string? AlertId);
