using PumpWatch.Cli.Streaming;

namespace PumpWatch.Cli.Tests;

public sealed class InProcessStreamTests
{
    [Fact]
    public async Task ConcurrentPublishers_EachPartitionArrivesInPublishOrder_SequenceFollowsArrival_AndNothingIsLost()
    {
        var stream = new InProcessStream(capacity: 64);
        const int perPump = 5_000;
        var pumps = Enumerable.Range(1, 8).Select(p => $"pump-{p}").ToArray();
        var publishers = Task.WhenAll(pumps.Select(pump => Task.Run(async () =>
        {
            for (var i = 0; i < perPump; i++)
            {
                await stream.PublishAsync(pump, BitConverter.GetBytes(i), i, CancellationToken.None);
            }
        })));
        _ = publishers.ContinueWith(_ => stream.Complete(), TaskScheduler.Default);

        var next = pumps.ToDictionary(p => p, _ => 0);
        var expectedSequence = 1L;
        await foreach (var record in stream.ReadAllAsync(CancellationToken.None))
        {
            Assert.Equal(next[record.PartitionKey], BitConverter.ToInt32(record.Data.Span));
            // Sequence numbers are dense and in arrival order: the n-th record received carries n.
            Assert.Equal(expectedSequence++, record.Sequence);
            next[record.PartitionKey]++;
        }

        await publishers;
        Assert.All(next.Values, n => Assert.Equal(perPump, n));
    }
}
