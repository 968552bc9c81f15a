namespace PumpWatch.Core.Storage;

/// <summary>A quarantined record as stored: whatever could be read of it, the reason code and detail, and the raw text.</summary>
public sealed record StoredQuarantine(string? PumpId, long? Time, string Reason, string Detail, string? Raw);
