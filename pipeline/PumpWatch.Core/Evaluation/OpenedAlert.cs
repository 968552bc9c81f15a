namespace PumpWatch.Core.Evaluation;

/// <summary>What evaluation needs of an opened alert: its id, pump, window, score, and the features that raised it (comma-separated, heaviest first).</summary>
public sealed record OpenedAlert(string AlertId, string PumpId, long WindowStart, long WindowEnd, double Score, string Severity, string Evidence = "");
