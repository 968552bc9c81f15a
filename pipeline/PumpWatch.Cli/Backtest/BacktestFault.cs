namespace PumpWatch.Cli.Backtest;

/// <summary>
/// One labelled fault in metrics.json: what, when, and whether and how soon an alert found it; with a ramp in the
/// label, its onset (abrupt or gradual), when it reached full severity, and the delay as a share of the ramp.
/// </summary>
internal sealed record BacktestFault(string PumpId, string Fault, string? Sensor, string Start, string? End, bool Detected, string? DetectedAt,
    double? MinutesAfterOnset, double? LeadMinutes, string? AlertId, string Onset, string? RampEnd, double? RampShare);
