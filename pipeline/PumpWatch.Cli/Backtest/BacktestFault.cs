namespace PumpWatch.Cli.Backtest;

/// <summary>One labelled fault in metrics.json: what, when, and whether and how soon an alert found it.</summary>
internal sealed record BacktestFault(string PumpId, string Fault, string? Sensor, string Start, string? End, bool Detected, string? DetectedAt,
    double? MinutesAfterOnset, double? LeadMinutes, string? AlertId);
