using PumpWatch.Aws.Kinesis;
using PumpWatch.Aws.Kinesis.Model;
using Record = PumpWatch.Aws.Kinesis.Model.Record;

namespace PumpWatch.Aws.Tests.Kinesalite;

/// <summary>Stream set-up and shard reading for tests against kinesalite (these and the simulator's sink tests).</summary>
internal static class KinesaliteStreams
{
    public static async Task CreateActiveStreamAsync(IKinesisClient client, string name, int shards)
    {
        await client.CreateStreamAsync(new CreateStreamRequest(name) { ShardCount = shards });
        await WaitActiveAsync(client, name);
    }

    public static async Task WaitActiveAsync(IKinesisClient client, string name)
    {
        for (var i = 0; i < 200; i++)
        {
            var summary = await client.DescribeStreamSummaryAsync(new DescribeStreamSummaryRequest { StreamName = name });
            if (summary.StreamDescriptionSummary.StreamStatus == StreamStatus.Active)
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"stream {name} did not become ACTIVE");
    }

    /// <summary>
    /// Reads a shard from <paramref name="iteratorType"/> until it is drained: a closed shard's iterator ends, or an open
    /// shard answers an empty page while not behind (MillisBehindLatest 0; Kinesis may answer empty pages while behind).
    /// </summary>
    public static async Task<List<Record>> ReadShardAsync(IKinesisClient client, string stream, string shardId, string iteratorType = ShardIteratorType.TrimHorizon)
    {
        var iterator = (await client.GetShardIteratorAsync(new GetShardIteratorRequest(shardId, iteratorType) { StreamName = stream })).ShardIterator;
        var records = new List<Record>();
        while (iterator is not null)
        {
            var page = await client.GetRecordsAsync(new GetRecordsRequest(iterator) { Limit = 2000 });
            records.AddRange(page.Records);
            if (page.Records.Count == 0 && page.MillisBehindLatest is null or 0)
            {
                break;
            }

            iterator = page.NextShardIterator;
        }

        return records;
    }
}
