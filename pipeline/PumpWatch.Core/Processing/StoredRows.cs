namespace PumpWatch.Core.Processing;

/// <summary>A window as stored: bounds, reading count, score (NaN when unscored) and features by name (NaN when not finite).</summary>
public sealed record StoredWindow(string PumpId, long Start, long End, int Readings, double Score, double Threshold, string? ModelId, IReadOnlyDictionary<string, double> Features);

/// <summary>An alert event as stored.</summary>
public sealed record StoredAlert(string AlertId, string Event, string PumpId, string Severity, long WindowStart, long WindowEnd, double Score, double Threshold, string ModelId);

/// <summary>A quarantined record as stored: whatever could be read of it, the reason code and detail, and the raw text.</summary>
public sealed record StoredQuarantine(string? PumpId, long? Time, string Reason, string Detail, string? Raw);
