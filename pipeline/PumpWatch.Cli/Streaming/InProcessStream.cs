using System.Threading.Channels;

namespace PumpWatch.Cli.Streaming;

/// <summary>
/// The one-machine stand-in for the Kinesis stream: devices publish raw records under a partition key (the pump id)
/// and one consumer receives them, each partition's records in publish order, stamped with an arrival sequence.
/// Bounded, so a consumer that falls behind slows the publishers down instead of buffering without limit.
/// </summary>
internal sealed class InProcessStream(int capacity = 16_384)
{
    private readonly Channel<StreamRecord> _channel = Channel.CreateBounded<StreamRecord>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true,
        SingleWriter = false,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private long _sequence;

    /// <summary>Records waiting for the consumer.</summary>
    public int Backlog => _channel.Reader.Count;

    /// <summary>Publishes one record; waits while the stream is full.</summary>
    public ValueTask PublishAsync(string partitionKey, ReadOnlyMemory<byte> data, long arrivalMicros, CancellationToken cancel) =>
        _channel.Writer.WriteAsync(new StreamRecord(partitionKey, data, arrivalMicros, Interlocked.Increment(ref _sequence)), cancel);

    /// <summary>No more records will be published; the consumer ends after the last one.</summary>
    public void Complete(Exception? error = null) => _channel.Writer.TryComplete(error);

    /// <summary>Every record in arrival order (so each partition in publish order) until <see cref="Complete"/>.</summary>
    public IAsyncEnumerable<StreamRecord> ReadAllAsync(CancellationToken cancel) => _channel.Reader.ReadAllAsync(cancel);
}

/// <summary>A record as the stream delivers it: partition key, raw bytes, arrival time (microseconds since the epoch), and the stream's sequence number.</summary>
internal readonly record struct StreamRecord(string PartitionKey, ReadOnlyMemory<byte> Data, long ArrivalMicros, long Sequence);
