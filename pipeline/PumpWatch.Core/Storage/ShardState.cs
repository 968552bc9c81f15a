namespace PumpWatch.Core.Storage;

/// <summary>
/// What one shard's processing carries from one host window to the next: each pump's window state (after its windows
/// closed: newest reading, sampling interval, silence), the end of the last window applied (arrival time, microseconds),
/// and, for a host that reads the stream itself, the sequence number of the last record that window held.
/// </summary>
public sealed record ShardState(IReadOnlyDictionary<string, string> Pumps, long ThroughWindowEnd, string? LastSequenceNumber);
