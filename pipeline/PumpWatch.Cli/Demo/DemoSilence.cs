namespace PumpWatch.Cli.Demo;

/// <summary>A pump the stream left behind: its last reading and when it was reported silent.</summary>
internal sealed record DemoSilence(string AlertId, string PumpId, string LastReading, string ReportedAt);
