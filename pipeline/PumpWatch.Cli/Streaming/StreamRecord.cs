using System.Threading.Channels;

namespace PumpWatch.Cli.Streaming;

/// <summary>A record as the stream delivers it: partition key, raw bytes, arrival time (microseconds since the epoch), and the stream's sequence number.</summary>
internal readonly record struct StreamRecord(string PartitionKey, ReadOnlyMemory<byte> Data, long ArrivalMicros, long Sequence);
