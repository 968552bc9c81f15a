using System.Numerics;
using System.Text;
using System.Text.Json;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Kinesis;
using PumpWatch.Aws.Kinesis.Model;
using PumpWatch.Aws.Tests.Fakes;
using Record = PumpWatch.Aws.Kinesis.Model.Record;

namespace PumpWatch.Aws.Tests.Kinesalite;

/// <summary>The Kinesis client and batcher against kinesalite: round trips, iterator types, resharding, service errors.</summary>
[Collection(KinesaliteCollection.Name)]
public sealed class KinesaliteTests(KinesaliteServer server) : IDisposable
{
    private readonly HttpClient _http = Clients.Http();

    private KinesisClient Client() => Clients.Kinesis(_http, Clients.Options(server.Url));

    private KinesisPutBatcher Batcher(IKinesisClient client) => new(client, Clients.Retry(Clients.Options(server.Url)));

    public void Dispose() => _http.Dispose();

    private static byte[] ReadingJson(string pump, int seq) =>
        Encoding.UTF8.GetBytes($$"""{"pump_id":"{{pump}}","timestamp":"2026-01-01T00:00:{{seq % 60:00}}Z","seq":{{seq}},"temperature":{{60 + seq % 7}}.5}""");

    [KinesaliteFact]
    public async Task Ten_thousand_readings_round_trip_exactly_over_every_shard_in_per_pump_order()
    {
        var client = Client();
        await KinesaliteStreams.CreateActiveStreamAsync(client, "roundtrip", shards: 4);
        var sent = Enumerable.Range(0, 10_000).Select(i => (Pump: $"pump-{i % 25:00}", Seq: i)).ToArray();

        var result = await Batcher(client).PutAsync("roundtrip", [.. sent.Select(r => KinesisPutBatcher.ForReading(r.Pump, ReadingJson(r.Pump, r.Seq)))]);

        Assert.Equal(10_000, result.Succeeded);
        Assert.Equal(20, result.Calls);
        var shards = await client.ListAllShardsAsync("roundtrip");
        Assert.Equal(4, shards.Count);
        var received = new List<Record>();
        foreach (var shard in shards)
        {
            var records = await KinesaliteStreams.ReadShardAsync(client, "roundtrip", shard.ShardId);
            Assert.NotEmpty(records); // 25 pumps over 4 shards: each shard gets some
            Assert.All(records.GroupBy(r => r.PartitionKey), g => Assert.True(
                shards.Count(s => InRange(s, g.Key)) == 1 && InRange(shard, g.Key), "a pump's records all land in the shard owning its hash key"));
            received.AddRange(records);
        }

        Assert.Equal(
            sent.Select(r => Encoding.UTF8.GetString(ReadingJson(r.Pump, r.Seq))).Order(StringComparer.Ordinal),
            received.Select(r => Encoding.UTF8.GetString(r.Data)).Order(StringComparer.Ordinal));
        foreach (var pump in received.GroupBy(r => r.PartitionKey))
        {
            var seqs = pump.Select(r => JsonDocument.Parse(r.Data).RootElement.GetProperty("seq").GetInt32()).ToArray();
            Assert.Equal(sent.Where(s => s.Pump == pump.Key).Select(s => s.Seq), seqs);
        }
    }

    /// <summary>Kinesis maps a partition key to MD5(key) read as a 128-bit big-endian integer.</summary>
    private static bool InRange(Shard shard, string partitionKey)
    {
        var hash = new BigInteger(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes(partitionKey)), isUnsigned: true, isBigEndian: true);
        return hash >= BigInteger.Parse(shard.HashKeyRange.StartingHashKey, System.Globalization.CultureInfo.InvariantCulture)
            && hash <= BigInteger.Parse(shard.HashKeyRange.EndingHashKey, System.Globalization.CultureInfo.InvariantCulture);
    }

    [KinesaliteFact]
    public async Task After_a_split_and_a_merge_reading_every_shard_gets_every_record_once()
    {
        var client = Client();
        const string Stream = "reshard";
        await KinesaliteStreams.CreateActiveStreamAsync(client, Stream, shards: 2);
        var batcher = Batcher(client);
        var sent = new List<string>();

        async Task PutRoundAsync(int round)
        {
            var entries = Enumerable.Range(0, 300).Select(i => KinesisPutBatcher.ForReading($"pump-{i % 30}", ReadingJson($"pump-{i % 30}", (round * 1000) + i))).ToArray();
            sent.AddRange(entries.Select(e => Encoding.UTF8.GetString(e.Data.Span)));
            Assert.Equal(300, (await batcher.PutAsync(Stream, entries)).Succeeded);
        }

        await PutRoundAsync(0);
        var before = await client.ListAllShardsAsync(Stream);
        var first = before[0];
        var middle = (BigInteger.Parse(first.HashKeyRange.StartingHashKey, System.Globalization.CultureInfo.InvariantCulture)
            + BigInteger.Parse(first.HashKeyRange.EndingHashKey, System.Globalization.CultureInfo.InvariantCulture)) / 2;
        await client.SplitShardAsync(new SplitShardRequest(first.ShardId, middle.ToString(System.Globalization.CultureInfo.InvariantCulture)) { StreamName = Stream });
        await KinesaliteStreams.WaitActiveAsync(client, Stream);
        await PutRoundAsync(1);

        var afterSplit = await client.ListAllShardsAsync(Stream);
        var children = afterSplit.Where(s => s.ParentShardId == first.ShardId).ToArray();
        Assert.Equal(2, children.Length);
        await client.MergeShardsAsync(new MergeShardsRequest(children[0].ShardId, children[1].ShardId) { StreamName = Stream });
        await KinesaliteStreams.WaitActiveAsync(client, Stream);
        await PutRoundAsync(2);

        var shards = await client.ListAllShardsAsync(Stream);
        Assert.Equal(5, shards.Count); // 2 original, 2 split children, 1 merged
        Assert.NotNull(shards.Single(s => s.ShardId == first.ShardId).SequenceNumberRange.EndingSequenceNumber);
        var merged = shards.Single(s => s.AdjacentParentShardId is not null);
        Assert.Equal(children.Select(c => c.ShardId).Order(), new[] { merged.ParentShardId!, merged.AdjacentParentShardId! }.Order());

        var received = new List<string>();
        foreach (var shard in shards)
        {
            received.AddRange((await KinesaliteStreams.ReadShardAsync(client, Stream, shard.ShardId)).Select(r => Encoding.UTF8.GetString(r.Data)));
        }

        Assert.Equal(sent.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
    }

    [KinesaliteFact]
    public async Task Iterator_types_LATEST_AFTER_SEQUENCE_NUMBER_and_AT_TIMESTAMP_start_where_the_model_says()
    {
        var client = Client();
        const string Stream = "iterators";
        await KinesaliteStreams.CreateActiveStreamAsync(client, Stream, shards: 1);
        var shardId = (await client.ListAllShardsAsync(Stream)).Single().ShardId;
        var latest = (await client.GetShardIteratorAsync(new GetShardIteratorRequest(shardId, ShardIteratorType.Latest) { StreamName = Stream })).ShardIterator!;
        var put = await client.PutRecordsAsync(new PutRecordsRequest([.. Enumerable.Range(0, 10).Select(i => KinesisPutBatcher.ForReading("pump-1", ReadingJson("pump-1", i)))]) { StreamName = Stream });
        var sequence = put.Records.Select(r => r.SequenceNumber!).ToArray();

        var fromLatest = await client.GetRecordsAsync(new GetRecordsRequest(latest));
        Assert.Equal(sequence, fromLatest.Records.Select(r => r.SequenceNumber));

        var after = (await client.GetShardIteratorAsync(new GetShardIteratorRequest(shardId, ShardIteratorType.AfterSequenceNumber) { StreamName = Stream, StartingSequenceNumber = sequence[6] })).ShardIterator!;
        Assert.Equal(sequence[7..], (await client.GetRecordsAsync(new GetRecordsRequest(after))).Records.Select(r => r.SequenceNumber));

        var all = (await client.GetRecordsAsync(new GetRecordsRequest((await client.GetShardIteratorAsync(new GetShardIteratorRequest(shardId, ShardIteratorType.TrimHorizon) { StreamName = Stream })).ShardIterator!))).Records;
        var arrival = all[0].ApproximateArrivalTimestamp!.Value;
        var atTime = (await client.GetShardIteratorAsync(new GetShardIteratorRequest(shardId, ShardIteratorType.AtTimestamp) { StreamName = Stream, Timestamp = arrival })).ShardIterator!;
        var fromTime = (await client.GetRecordsAsync(new GetRecordsRequest(atTime))).Records;
        Assert.Equal(all.Where(r => r.ApproximateArrivalTimestamp >= arrival).Select(r => r.SequenceNumber), fromTime.Select(r => r.SequenceNumber));
        Assert.Contains(sequence[0], fromTime.Select(r => r.SequenceNumber));
    }

    [KinesaliteFact]
    public async Task Describing_a_missing_stream_throws_ResourceNotFoundException_with_request_id_after_one_attempt()
    {
        var logger = new CapturingLogger();
        var client = Clients.Kinesis(_http, Clients.Options(server.Url), logger: logger);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeStreamSummaryAsync(new DescribeStreamSummaryRequest { StreamName = "no-such-stream" }));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Equal(1, error.Attempts);
        Assert.Single(logger.Lines);
    }

    [KinesaliteFact]
    public async Task Summary_reports_the_created_stream()
    {
        var client = Client();
        await KinesaliteStreams.CreateActiveStreamAsync(client, "summary", shards: 3);

        var summary = (await client.DescribeStreamSummaryAsync(new DescribeStreamSummaryRequest { StreamName = "summary" })).StreamDescriptionSummary;

        Assert.Equal("summary", summary.StreamName);
        Assert.Equal(3, summary.OpenShardCount);
        Assert.Equal(24, summary.RetentionPeriodHours);
        Assert.EndsWith(":stream/summary", summary.StreamARN, StringComparison.Ordinal);
    }
}
