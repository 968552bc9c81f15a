using System.Text;
using PumpWatch.Aws.Kinesis;
using PumpWatch.Aws.Kinesis.Model;
using PumpWatch.Aws.Tests.Fakes;

namespace PumpWatch.Aws.Tests.Kinesis;

public sealed class KinesisPutBatcherTests
{
    private static PutRecordsRequestEntry Reading(string pump, int n) =>
        KinesisPutBatcher.ForReading(pump, Encoding.UTF8.GetBytes($$"""{"pump_id":"{{pump}}","n":{{n}}}"""));

    private static (KinesisPutBatcher Batcher, RecordingDelay Delay, HttpClient Http) Create(FakeAwsServer server, int maxAttempts = 4)
    {
        var options = Clients.Options(server.Url) with { MaxAttempts = maxAttempts };
        var delay = new RecordingDelay();
        var http = Clients.Http();
        var client = Clients.Kinesis(http, options);
        return (new KinesisPutBatcher(client, Clients.Retry(options, delay)), delay, http);
    }

    [Fact]
    public async Task Only_failed_entries_are_resent_in_their_original_order_after_a_backoff()
    {
        await using var server = new FakeAwsServer((request, n) => n == 0
            ? PutRecordsScript.Answer(5, new Dictionary<int, string> { [1] = "ProvisionedThroughputExceededException", [3] = "ProvisionedThroughputExceededException" })
            : PutRecordsScript.Answer(PutRecordsScript.Entries(request).Count));
        var (batcher, delay, http) = Create(server);
        using var _ = http;
        PutRecordsRequestEntry[] entries = [Reading("p1", 0), Reading("p2", 0), Reading("p1", 1), Reading("p3", 0), Reading("p2", 1)];

        var result = await batcher.PutAsync("pumps", entries);

        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal(5, PutRecordsScript.Entries(requests[0]).Count);
        var resent = PutRecordsScript.Entries(requests[1]);
        Assert.Equal([("p2", entries[1].Data.ToArray()), ("p3", entries[3].Data.ToArray())], resent.Select(e => (e.PartitionKey, e.Data)).ToArray(), new EntryComparer());
        Assert.Equal(new KinesisPutResult(5, [], 2, 2) { Throttled = 2 }, result with { Failed = [] });
        Assert.Empty(result.Failed);
        Assert.Single(delay.Delays); // throttled entries: back off before resending
    }

    [Fact]
    public async Task InternalFailure_entries_are_resent_without_waiting()
    {
        await using var server = new FakeAwsServer((request, n) => n == 0
            ? PutRecordsScript.Answer(3, new Dictionary<int, string> { [2] = "InternalFailure" })
            : PutRecordsScript.Answer(PutRecordsScript.Entries(request).Count));
        var (batcher, delay, http) = Create(server);
        using var _ = http;

        var result = await batcher.PutAsync("pumps", [Reading("p1", 0), Reading("p1", 1), Reading("p1", 2)]);

        Assert.Equal(3, result.Succeeded);
        Assert.Equal(1, result.Resent);
        Assert.Equal(0, result.Throttled); // InternalFailure is resent but is not throttling
        Assert.Empty(delay.Delays);
        Assert.Equal("p1", Assert.Single(PutRecordsScript.Entries(server.Requests.ToArray()[1])).PartitionKey);
    }

    [Fact]
    public async Task Entries_still_failing_after_max_attempts_are_returned_with_index_and_code()
    {
        await using var server = new FakeAwsServer((request, _) => PutRecordsScript.Answer(
            PutRecordsScript.Entries(request).Count,
            PutRecordsScript.Entries(request).Select((e, i) => (e, i)).Where(x => x.e.PartitionKey == "stuck").ToDictionary(x => x.i, _ => "ProvisionedThroughputExceededException")));
        var (batcher, _, http) = Create(server, maxAttempts: 3);
        using var __ = http;

        var result = await batcher.PutAsync("pumps", [Reading("ok", 0), Reading("stuck", 0), Reading("ok", 1)]);

        Assert.Equal(2, result.Succeeded);
        Assert.Equal(3, result.Calls);
        Assert.Equal(3, result.Throttled); // the stuck entry, once in each of the 3 calls
        var failed = Assert.Single(result.Failed);
        Assert.Equal(1, failed.Index);
        Assert.Equal("ProvisionedThroughputExceededException", failed.ErrorCode);
    }

    [Fact]
    public async Task Calls_hold_at_most_500_records()
    {
        await using var server = new FakeAwsServer((request, _) => PutRecordsScript.Answer(PutRecordsScript.Entries(request).Count));
        var (batcher, _, http) = Create(server);
        using var __ = http;
        var entries = Enumerable.Range(0, 1201).Select(i => Reading($"p{i % 7}", i)).ToArray();

        var result = await batcher.PutAsync("pumps", entries);

        Assert.Equal([500, 500, 201], server.Requests.Select(r => PutRecordsScript.Entries(r).Count).ToArray());
        Assert.Equal(1201, result.Succeeded);
        var sent = server.Requests.SelectMany(PutRecordsScript.Entries).Select(e => Encoding.UTF8.GetString(e.Data));
        Assert.Equal(entries.Select(e => Encoding.UTF8.GetString(e.Data.Span)), sent);
    }

    [Fact]
    public void Calls_hold_at_most_5_MiB_of_data_and_partition_keys()
    {
        // 1,000,000 data bytes + 2 key bytes each: five make 5,000,010 <= 5,242,880; six would not fit.
        var entries = Enumerable.Range(0, 12).Select(_ => new PutRecordsRequestEntry(new byte[1_000_000], "p1")).ToArray();

        Assert.Equal(5, KinesisPutBatcher.TakeBatch(entries, 0));
        Assert.Equal(5, KinesisPutBatcher.TakeBatch(entries, 5));
        Assert.Equal(2, KinesisPutBatcher.TakeBatch(entries, 10));
    }

    [Fact]
    public void A_record_over_1_MiB_with_its_key_is_refused()
    {
        var entries = new[] { new PutRecordsRequestEntry(new byte[1024 * 1024], "p") };

        Assert.Throws<ArgumentException>(() => KinesisPutBatcher.TakeBatch(entries, 0));
    }

    [Fact]
    public async Task ListAllShards_follows_NextToken_and_sends_only_the_token_on_later_pages()
    {
        static string Shard(int n) => $$$"""{"ShardId":"shardId-00000000000{{{n}}}","HashKeyRange":{"StartingHashKey":"0","EndingHashKey":"1"},"SequenceNumberRange":{"StartingSequenceNumber":"1"}}""";
        await using var server = FakeAwsServer.Sequence(
            FakeResponse.Json(200, $$"""{"Shards":[{{Shard(0)}}],"NextToken":"page-2"}"""),
            FakeResponse.Json(200, $$"""{"Shards":[{{Shard(1)}}]}"""));
        using var http = Clients.Http();
        var client = Clients.Kinesis(http, Clients.Options(server.Url));

        var shards = await client.ListAllShardsAsync("pumps", pageSize: 1);

        Assert.Equal(["shardId-000000000000", "shardId-000000000001"], shards.Select(s => s.ShardId).ToArray());
        var requests = server.Requests.ToArray();
        Assert.Equal("""{"StreamName":"pumps","MaxResults":1}""", requests[0].BodyText);
        Assert.Equal("""{"NextToken":"page-2","MaxResults":1}""", requests[1].BodyText);
    }

    private sealed class EntryComparer : IEqualityComparer<(string, byte[])>
    {
        public bool Equals((string, byte[]) x, (string, byte[]) y) => x.Item1 == y.Item1 && x.Item2.AsSpan().SequenceEqual(y.Item2);

        public int GetHashCode((string, byte[]) obj) => obj.Item1.GetHashCode(StringComparison.Ordinal);
    }
}
