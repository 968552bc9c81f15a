namespace PumpWatch.Core.Processing;

/// <summary>A record as a host receives it: the raw bytes, the host's id for it (e.g. the Kinesis sequence number) and when it arrived (microseconds since the epoch).</summary>
public readonly record struct RawRecord(ReadOnlyMemory<byte> Data, string RecordId, long ArrivalMicros);
