namespace PumpWatch.Core.Storage;

/// <summary>An alert event as stored.</summary>
public sealed record StoredAlert(string AlertId, string Event, string PumpId, string Severity, long WindowStart, long WindowEnd, double Score, double Threshold, string ModelId);
