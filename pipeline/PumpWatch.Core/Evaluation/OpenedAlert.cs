namespace PumpWatch.Core.Evaluation;

/// <summary>What evaluation needs of an opened alert: its id, pump, window and score.</summary>
public sealed record OpenedAlert(string AlertId, string PumpId, long WindowStart, long WindowEnd, double Score, string Severity);
