using System.Text.Json;
using PumpWatch.Aws.DynamoDb;
using PumpWatch.Aws.Tests.Fakes;
using PumpWatch.Core.Storage;

namespace PumpWatch.Aws.Tests.DynamoDb;

/// <summary>
/// What the DynamoDB shard-state store sends and how it takes answers, against a scripted local server. Request and
/// response shapes: DynamoDB API Reference (GetItem, PutItem, Common Errors).
/// </summary>
public sealed class DynamoDbShardStateWireTests
{
    private const string Table = "shard-state";
    private const string Shard = "arn:aws:kinesis:us-east-1:123456789012:stream/pumps/shardId-000000000000";

    private static DynamoDbShardStateStore Store(Amazon.DynamoDBv2.IAmazonDynamoDB dynamo) =>
        new(dynamo, new DynamoDbShardStateOptions(Table), new ManualClock(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero)));

    private static ShardState State(long through) => new(new Dictionary<string, string> { ["p-1"] = "v1;+/" }, through, "42");

    [Fact]
    public async Task A_load_is_one_strongly_consistent_GetItem_by_shard_key_and_no_item_is_null()
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Json10(200, "{}"));
        using var dynamo = Clients.DynamoDb(server.Url, maxAttempts: 1);

        Assert.Null(await Store(dynamo).LoadAsync(Shard));

        var request = Assert.Single(server.Requests);
        Assert.Equal("DynamoDB_20120810.GetItem", request.Header("X-Amz-Target"));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(Table, body.RootElement.GetProperty("TableName").GetString());
        Assert.True(body.RootElement.GetProperty("ConsistentRead").GetBoolean());
        Assert.Equal($$$"""{"shard_key":{"S":"{{{Shard}}}"}}""", body.RootElement.GetProperty("Key").GetRawText());
    }

    [Fact]
    public async Task A_loaded_item_gives_its_pumps_window_end_and_sequence_number()
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Json10(200,
            """{"Item":{"shard_key":{"S":"s"},"pumps":{"M":{"p-1":{"S":"v1;+/"},"p-2":{"S":"x"}}},"through":{"N":"1777636800000000"},"last_sequence":{"S":"42"},"updated_at":{"N":"1"}}}"""));
        using var dynamo = Clients.DynamoDb(server.Url, maxAttempts: 1);

        var state = await Store(dynamo).LoadAsync("s");

        Assert.NotNull(state);
        Assert.Equal((1_777_636_800_000_000L, "42"), (state.ThroughWindowEnd, state.LastSequenceNumber));
        Assert.Equal([("p-1", "v1;+/"), ("p-2", "x")], state.Pumps.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
    }

    [Fact]
    public async Task A_save_is_one_conditional_PutItem_with_the_window_end_as_its_condition_value()
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Json10(200, "{}"));
        using var dynamo = Clients.DynamoDb(server.Url, maxAttempts: 1);

        Assert.True(await Store(dynamo).TrySaveAsync(Shard, State(1_777_636_800_000_000)));

        var request = Assert.Single(server.Requests);
        Assert.Equal("DynamoDB_20120810.PutItem", request.Header("X-Amz-Target"));
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal(Table, root.GetProperty("TableName").GetString());
        Assert.Equal("attribute_not_exists(shard_key) OR through < :w", root.GetProperty("ConditionExpression").GetString());
        Assert.Equal("""{":w":{"N":"1777636800000000"}}""", root.GetProperty("ExpressionAttributeValues").GetRawText());
        var item = root.GetProperty("Item");
        Assert.Equal(Shard, item.GetProperty("shard_key").GetProperty("S").GetString());
        // Compared as parsed JSON: the SDK's writer escapes '+' as \u002B, which is the same string.
        var pumps = item.GetProperty("pumps").GetProperty("M");
        Assert.Equal(["p-1"], pumps.EnumerateObject().Select(p => p.Name));
        Assert.Equal("v1;+/", pumps.GetProperty("p-1").GetProperty("S").GetString());
        Assert.Equal("1777636800000000", item.GetProperty("through").GetProperty("N").GetString());
        Assert.Equal("42", item.GetProperty("last_sequence").GetProperty("S").GetString());
    }

    [Fact]
    public async Task A_failed_condition_is_a_lost_save_not_an_error()
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Json10(400,
            """{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}""", "req-lost"));
        using var dynamo = Clients.DynamoDb(server.Url, maxAttempts: 3);

        Assert.False(await Store(dynamo).TrySaveAsync(Shard, State(60)));
        Assert.Single(server.Requests); // not retried: the answer is final
    }

    [Fact]
    public async Task Another_refusal_is_one_line_naming_the_table_shard_and_error_code()
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Json10(400,
            """{"__type":"com.amazonaws.dynamodb.v20120810#ValidationException","message":"One or more parameter values were invalid:\nbad"}""", "req-bad"));
        using var dynamo = Clients.DynamoDb(server.Url, maxAttempts: 1);

        var error = await Assert.ThrowsAsync<ShardStateStoreException>(() => Store(dynamo).TrySaveAsync("s-1", State(60)));

        Assert.Equal("dynamodb table 'shard-state': saving shard 's-1' failed: ValidationException (HTTP 400 BadRequest): One or more parameter values were invalid: bad", error.Message);
    }

    [Fact]
    public async Task A_state_over_the_item_limit_is_refused_before_any_call()
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Json10(200, "{}"));
        using var dynamo = Clients.DynamoDb(server.Url, maxAttempts: 1);
        // 5,000 pumps of 100-byte states are at least 5,000 * 101 = 505,000 bytes, over 409,600.
        var pumps = Enumerable.Range(0, 5_000).ToDictionary(i => $"p{i}", _ => new string('x', 100), StringComparer.Ordinal);

        var error = await Assert.ThrowsAsync<ShardStateStoreException>(() => Store(dynamo).TrySaveAsync("s-1", new ShardState(pumps, 60, null)));

        Assert.StartsWith("dynamodb table 'shard-state': the state of shard 's-1' (5000 pumps) is ", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}
