using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace PumpWatch.Cli.Streaming;

/// <summary>
/// The one-machine stand-in for the Kinesis stream: devices publish raw records under a partition key (the pump id)
/// and one consumer receives them, each partition's records in publish order, stamped with an arrival sequence.
/// Bounded, so a consumer that falls behind slows the publishers down instead of buffering without limit.
/// </summary>
/// <remarks>
/// The sequence number is given as a record leaves the channel, not as it is published: the channel's order is the
/// arrival order, and stamping on the single reader makes sequence and arrival agree by construction. (Taking the
/// number before <c>WriteAsync</c> let two publishers enqueue out of sequence order.)
/// </remarks>
internal sealed class InProcessStream(int capacity = 16_384)
{
    private readonly Channel<Published> _channel = Channel.CreateBounded<Published>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true,
        SingleWriter = false,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Records waiting for the consumer.</summary>
    public int Backlog => _channel.Reader.Count;

    /// <summary>Publishes one record; waits while the stream is full.</summary>
    public ValueTask PublishAsync(string partitionKey, ReadOnlyMemory<byte> data, long arrivalMicros, CancellationToken cancel) =>
        _channel.Writer.WriteAsync(new Published(partitionKey, data, arrivalMicros), cancel);

    /// <summary>No more records will be published; the consumer ends after the last one.</summary>
    public void Complete(Exception? error = null) => _channel.Writer.TryComplete(error);

    /// <summary>
    /// Every record in arrival order (so each partition in publish order) until <see cref="Complete"/>, numbered 1, 2, ...
    /// in that order. One consumer only.
    /// </summary>
    public async IAsyncEnumerable<StreamRecord> ReadAllAsync([EnumeratorCancellation] CancellationToken cancel)
    {
        var sequence = 0L;
        await foreach (var record in _channel.Reader.ReadAllAsync(cancel).ConfigureAwait(false))
        {
            yield return new StreamRecord(record.PartitionKey, record.Data, record.ArrivalMicros, ++sequence);
        }
    }

    private readonly record struct Published(string PartitionKey, ReadOnlyMemory<byte> Data, long ArrivalMicros);
}
