using System.Text;
using PumpWatch.Aws.Configuration;
using PumpWatch.Aws.Kinesis;
using PumpWatch.Aws.Kinesis.Model;
using PumpWatch.Aws.Tests.Fakes;
using Canned = PumpWatch.Aws.Tests.Conformance.KinesisCannedResponses;

namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>
/// Our <see cref="KinesisClient"/> against the official <c>@aws-sdk/client-kinesis</c>: the same input gives the same
/// request on the wire, and the same canned answer (kinesis-2013-12-02 shapes) the same output or error.
/// </summary>
[Collection(OfficialSdkCollection.Name)]
public sealed class KinesisConformanceTests(OfficialSdk sdk)
{
    private static readonly byte[] NotUtf8 = [0xFF, 0x00, 0xC3, 0x28, 0x80, 0x7B];

    /// <summary>Model members our records leave out on purpose: PumpWatch names streams by name and ARN and sets no per-stream limits.</summary>
    private static readonly Dictionary<string, string> UnmodelledSummaryMembers = new()
    {
        ["$.StreamDescriptionSummary.StreamId"] = "not modelled: PumpWatch addresses a stream by name or ARN, never by its id",
        ["$.StreamDescriptionSummary.WarmThroughput"] = "not modelled: PumpWatch neither sets nor reads warm throughput",
        ["$.StreamDescriptionSummary.MaxRecordSizeInKiB"] = "not modelled: readings are far below the 1 MiB default record limit",
    };

    private Task<ConformanceResult<TResponse>> Kinesis<TRequest, TResponse>(
        string command, TRequest request, FakeResponse canned, Func<IKinesisClient, TRequest, Task<TResponse>> call, IReadOnlyDictionary<string, string>? ignoredOutput = null)
        where TRequest : notnull
    {
        var c = new ConformanceCase("kinesis", command, "kinesis", request, canned) { IgnoredOutputPaths = ignoredOutput ?? new Dictionary<string, string>() };
        return Conformance.RunAsync(sdk, c, async url =>
        {
            using var http = Clients.Http();
            var options = new AwsClientOptions(ConformanceCredentials.Region, ConformanceCredentials.Aws()) { ServiceUrl = url, MaxAttempts = 1 };
            return await call(new KinesisClient(http, options, Clients.Retry(options), TimeProvider.System), request);
        });
    }

    [OfficialSdkFact]
    public async Task PutRecords_with_bytes_that_are_not_UTF8_empty_data_and_explicit_hash_keys_matches_and_reads_the_partial_failure()
    {
        var request = new PutRecordsRequest(
        [
            new(NotUtf8, "pump-07") { ExplicitHashKey = Canned.MaxHashKey },
            new(Encoding.UTF8.GetBytes("""{"pump_id":"p-ü","temperature":71.5}"""), "pump-ü"),
            new(Array.Empty<byte>(), "pump-08") { ExplicitHashKey = "0" },
            new(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), "pump-09") { ExplicitHashKey = Canned.HalfHashKey },
        ])
        { StreamName = "pumps" };

        var result = await Kinesis("PutRecords", request, Canned.PutRecordsPartlyFailed, (c, r) => c.PutRecordsAsync(r));

        Assert.Equal(1, result.OurResponse!.FailedRecordCount);
        Assert.Equal([null, "ProvisionedThroughputExceededException", null, "InternalFailure"], result.OurResponse.Records.Select(r => r.ErrorCode));
        Assert.Contains("\"Data\":\"/wDDKIB7\"", result.OurRequests[0].BodyText, StringComparison.Ordinal); // base64 of the raw bytes, not of a UTF-8 re-encoding
    }

    [OfficialSdkFact]
    public async Task PutRecords_by_stream_ARN_matches()
    {
        var request = new PutRecordsRequest([new(NotUtf8, "pump-07")]) { StreamARN = Canned.StreamArn };

        await Kinesis("PutRecords", request, Canned.PutRecordsPartlyFailed, (c, r) => c.PutRecordsAsync(r));
    }

    [OfficialSdkFact]
    public async Task GetRecords_at_the_end_of_a_closed_shard_reads_records_and_child_shards_as_the_official_SDK_does()
    {
        var result = await Kinesis("GetRecords", new GetRecordsRequest("AAAAAAAAAAETYyAYzd665+8e0X7JTsASDM/Hr2rSwc0X2qz93iuA3udrjTH+ikQvpQk=") { Limit = 1000 }, Canned.GetRecordsAtShardEnd, (c, r) => c.GetRecordsAsync(r));

        var response = result.OurResponse!;
        Assert.Null(response.NextShardIterator);
        Assert.Equal(NotUtf8, response.Records[0].Data);
        Assert.Empty(response.Records[2].Data);
        Assert.Equal("pump-ü", response.Records[1].PartitionKey);
        // 1.767225600123E9 s: 2026-01-01T00:00:00.123Z.
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, 123, TimeSpan.Zero), response.Records[0].ApproximateArrivalTimestamp);
        Assert.Equal(["shardId-000000000000", "shardId-000000000001"], response.ChildShards![1].ParentShards);
    }

    public static TheoryData<string, string?, long?> IteratorTypes => new()
    {
        { ShardIteratorType.AtSequenceNumber, Canned.Seq1, null },
        { ShardIteratorType.AfterSequenceNumber, Canned.Seq2, null },
        { ShardIteratorType.TrimHorizon, null, null },
        { ShardIteratorType.Latest, null, null },
        { ShardIteratorType.AtTimestamp, null, 1_767_225_600_123 }, // a millisecond fraction
        { ShardIteratorType.AtTimestamp, null, 1_767_225_600_000 }, // whole seconds: the JS SDK writes no fraction
        { ShardIteratorType.AtTimestamp, null, 1_767_225_600_007 }, // a fraction with leading zeros
    };

    [OfficialSdkTheory]
    [MemberData(nameof(IteratorTypes))]
    public async Task GetShardIterator_of_each_type_matches(string type, string? sequenceNumber, long? timestampMs)
    {
        var request = new GetShardIteratorRequest("shardId-000000000001", type)
        {
            StreamName = "pumps",
            StartingSequenceNumber = sequenceNumber,
            Timestamp = timestampMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
        };

        var result = await Kinesis("GetShardIterator", request, Canned.ShardIterator, (c, r) => c.GetShardIteratorAsync(r));

        Assert.StartsWith("AAAAAAAAAAETYyAY", result.OurResponse!.ShardIterator, StringComparison.Ordinal);
    }

    [OfficialSdkFact]
    public async Task ListShards_paged_with_NextToken_matches_page_by_page()
    {
        var first = await Kinesis(
            "ListShards",
            new ListShardsRequest { StreamName = "pumps", MaxResults = 2, StreamCreationTimestamp = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000) },
            Canned.ShardsFirstPage,
            (c, r) => c.ListShardsAsync(r));
        var token = first.OurResponse!.NextToken!;

        var last = await Kinesis("ListShards", new ListShardsRequest { NextToken = token, MaxResults = 2 }, Canned.ShardsLastPage, (c, r) => c.ListShardsAsync(r));

        Assert.EndsWith("dfCzQ==", token, StringComparison.Ordinal);
        Assert.Null(last.OurResponse!.NextToken);
        Assert.Equal("shardId-000000000001", first.OurResponse.Shards![1].AdjacentParentShardId);
    }

    public static TheoryData<string, string?, long?> ShardFilters => new()
    {
        { ShardFilterType.AfterShardId, "shardId-000000000001", null },
        { ShardFilterType.AtTrimHorizon, null, null },
        { ShardFilterType.FromTrimHorizon, null, null },
        { ShardFilterType.AtLatest, null, null },
        { ShardFilterType.AtTimestamp, null, 1_767_225_600_123 },
        { ShardFilterType.FromTimestamp, null, 1_767_225_600_000 },
    };

    [OfficialSdkTheory]
    [MemberData(nameof(ShardFilters))]
    public async Task ListShards_with_each_ShardFilter_matches(string type, string? shardId, long? timestampMs)
    {
        var filter = new ShardFilter(type) { ShardId = shardId, Timestamp = timestampMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null };

        await Kinesis("ListShards", new ListShardsRequest { StreamName = "pumps", ShardFilter = filter }, Canned.ShardsFirstPage, (c, r) => c.ListShardsAsync(r));
    }

    [OfficialSdkFact]
    public async Task DescribeStreamSummary_by_name_reads_every_modelled_member_as_the_official_SDK_does()
    {
        var result = await Kinesis(
            "DescribeStreamSummary", new DescribeStreamSummaryRequest { StreamName = "pumps" }, Canned.StreamSummary, (c, r) => c.DescribeStreamSummaryAsync(r), UnmodelledSummaryMembers);

        var summary = result.OurResponse!.StreamDescriptionSummary;
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), summary.StreamCreationTimestamp);
        Assert.Equal(["IncomingBytes", "IteratorAgeMilliseconds"], summary.EnhancedMonitoring.Single().ShardLevelMetrics);
        // The unmodelled members are really in the official output, so the exclusions above are not dead.
        Assert.Equal(1024, result.Official.Output!["StreamDescriptionSummary"]!["MaxRecordSizeInKiB"]!.GetValue<int>());
    }

    [OfficialSdkFact]
    public async Task DescribeStreamSummary_by_ARN_matches()
    {
        await Kinesis(
            "DescribeStreamSummary", new DescribeStreamSummaryRequest { StreamARN = Canned.StreamArn }, Canned.StreamSummary, (c, r) => c.DescribeStreamSummaryAsync(r), UnmodelledSummaryMembers);
    }

    [OfficialSdkFact]
    public async Task CreateStream_provisioned_with_tags_matches_and_reads_the_empty_answer()
    {
        var request = new CreateStreamRequest("pumps")
        {
            ShardCount = 4,
            StreamModeDetails = new StreamModeDetails("PROVISIONED"),
            Tags = new Dictionary<string, string> { ["site"] = "north field", ["owner"] = "pumpwatch" },
        };

        await Kinesis("CreateStream", request, Canned.Empty, (c, r) => c.CreateStreamAsync(r));
    }

    [OfficialSdkFact]
    public async Task CreateStream_on_demand_without_a_shard_count_matches()
    {
        await Kinesis("CreateStream", new CreateStreamRequest("pumps") { StreamModeDetails = new StreamModeDetails("ON_DEMAND") }, Canned.Empty, (c, r) => c.CreateStreamAsync(r));
    }

    public static TheoryData<string, string, string, int> Errors => new()
    {
        { "GetRecords", nameof(Canned.ProvisionedThroughputExceeded), "ProvisionedThroughputExceededException", 400 },
        { "PutRecords", nameof(Canned.ProvisionedThroughputExceeded), "ProvisionedThroughputExceededException", 400 },
        { "DescribeStreamSummary", nameof(Canned.ResourceNotFound), "ResourceNotFoundException", 400 },
        { "ListShards", nameof(Canned.ResourceNotFound), "ResourceNotFoundException", 400 },
        { "PutRecords", nameof(Canned.InternalFailure), "InternalFailureException", 500 },
        { "GetShardIterator", nameof(Canned.EmptyServerError), "Unknown", 500 },
        { "CreateStream", nameof(Canned.ResourceInUseInHeaderOnly), "ResourceInUseException", 400 },
        { "CreateStream", nameof(Canned.CodeAndTypeDisagree), "InvalidArgumentException", 400 },
    };

    [OfficialSdkTheory]
    [MemberData(nameof(Errors))]
    public async Task An_error_answer_gives_the_code_status_request_id_and_message_the_official_SDK_gives(string operation, string cannedName, string code, int status)
    {
        var canned = (FakeResponse)typeof(Canned).GetProperty(cannedName)!.GetValue(null)!;

        var error = operation switch
        {
            "GetRecords" => (await Kinesis(operation, new GetRecordsRequest("iterator-1"), canned, (c, r) => c.GetRecordsAsync(r))).OurError,
            "PutRecords" => (await Kinesis(operation, new PutRecordsRequest([new(NotUtf8, "pump-07")]) { StreamName = "pumps" }, canned, (c, r) => c.PutRecordsAsync(r))).OurError,
            "DescribeStreamSummary" => (await Kinesis(operation, new DescribeStreamSummaryRequest { StreamName = "pumps" }, canned, (c, r) => c.DescribeStreamSummaryAsync(r))).OurError,
            "ListShards" => (await Kinesis(operation, new ListShardsRequest { StreamName = "pumps" }, canned, (c, r) => c.ListShardsAsync(r))).OurError,
            "GetShardIterator" => (await Kinesis(operation, new GetShardIteratorRequest("shardId-000000000000", ShardIteratorType.Latest) { StreamName = "pumps" }, canned, (c, r) => c.GetShardIteratorAsync(r))).OurError,
            "CreateStream" => (await Kinesis(operation, new CreateStreamRequest("pumps") { ShardCount = 1 }, canned, (c, r) => c.CreateStreamAsync(r))).OurError,
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "no such case"),
        };

        // Conformance.RunAsync compared ours with the official SDK; these pin both to what the model and the canned answer say.
        Assert.NotNull(error);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(status, (int)error.StatusCode);
        Assert.Equal(1, error.Attempts);
    }
}
