namespace PumpWatch.Core.Storage;

/// <summary>A window as stored: bounds, reading count, score (NaN when unscored) and features by name (NaN when not finite).</summary>
public sealed record StoredWindow(string PumpId, long Start, long End, int Readings, double Score, double Threshold, string? ModelId, IReadOnlyDictionary<string, double> Features);
