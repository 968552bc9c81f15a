using System.Text.Json;
using PumpWatch.Aws.DynamoDb;
using PumpWatch.Aws.Tests.Fakes;
using PumpWatch.Core.Alerts;

namespace PumpWatch.Aws.Tests.DynamoDb;

/// <summary>
/// What the DynamoDB alert-state store sends and how it takes answers dynalite never gives (unprocessed keys), against a
/// scripted local server. Request and response shapes: DynamoDB API Reference (BatchGetItem, PutItem, Common Errors).
/// </summary>
public sealed class DynamoDbAlertStateWireTests
{
    private const string Table = "alert-state";

    /// <summary>An answer as DynamoDB gives it: its service model's jsonVersion is 1.0.</summary>
    private static FakeResponse Answer(int status, string body, string? requestId = null) =>
        FakeResponse.Json(status, body, requestId) with { ContentType = "application/x-amz-json-1.0" };

    private static DynamoDbAlertStateStore Store(Amazon.DynamoDBv2.IAmazonDynamoDB dynamo, Uri url, RecordingDelay delay, int maxAttempts = 4) =>
        new(dynamo, new DynamoDbAlertStateOptions(Table), Clients.Retry(Clients.Options(url) with { MaxAttempts = maxAttempts }, delay), TimeProvider.System);

    private static string Item(string pump, long appliedThrough) =>
        $$$"""{"pump_id":{"S":"{{{pump}}}"},"state":{"S":"0;0;0;0;-9223372036854775808;0;3"},"applied_through":{"N":"{{{appliedThrough}}}"},"updated_at":{"N":"1"}}""";

    private static string[] KeysOf(FakeRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        var table = body.RootElement.GetProperty("RequestItems").GetProperty(Table);
        Assert.True(table.GetProperty("ConsistentRead").GetBoolean());
        return [.. table.GetProperty("Keys").EnumerateArray().Select(k => k.GetProperty("pump_id").GetProperty("S").GetString()!)];
    }

    [Fact]
    public async Task Unprocessed_keys_are_read_again_after_a_backoff_and_every_pump_comes_back()
    {
        await using var server = FakeAwsServer.Sequence(
            Answer(200, $$$$"""{"Responses":{"{{{{Table}}}}":[{{{{Item("p-1", 60)}}}}]},"UnprocessedKeys":{"{{{{Table}}}}":{"Keys":[{"pump_id":{"S":"p-2"}},{"pump_id":{"S":"p-3"}}],"ConsistentRead":true}}}"""),
            Answer(200, $$$"""{"Responses":{"{{{Table}}}":[{{{Item("p-2", 120)}}},{{{Item("p-3", 180)}}}]},"UnprocessedKeys":{}}"""));
        using var dynamo = Clients.DynamoDb(server.Url, maxAttempts: 1);
        var delay = new RecordingDelay();

        var read = await Store(dynamo, server.Url, delay).ReadAsync(["p-1", "p-2", "p-3"]);

        Assert.Equal([("p-1", 60L), ("p-2", 120L), ("p-3", 180L)], read.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value.AppliedThrough)));
        Assert.Equal(new AlertState(0, false, AlertSeverity.Warning, 0, long.MinValue, AlertSeverity.Warning, 3), read["p-2"].State);
        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.All(requests, r => Assert.Equal("DynamoDB_20120810.BatchGetItem", r.Header("X-Amz-Target")));
        Assert.Equal(["p-1", "p-2", "p-3"], KeysOf(requests[0]).Order(StringComparer.Ordinal));
        Assert.Equal(["p-2", "p-3"], KeysOf(requests[1]).Order(StringComparer.Ordinal));
        Assert.Single(delay.Delays);
        Assert.InRange(delay.Delays[0], TimeSpan.Zero, Clients.Options(server.Url).BaseDelay); // full jitter, first retry
    }

    [Fact]
    public async Task Keys_still_unprocessed_when_the_attempts_run_out_are_one_line_naming_the_table_and_count()
    {
        await using var server = FakeAwsServer.Sequence(Answer(200,
            $$$$"""{"Responses":{"{{{{Table}}}}":[{{{{Item("p-1", 60)}}}}]},"UnprocessedKeys":{"{{{{Table}}}}":{"Keys":[{"pump_id":{"S":"p-2"}}],"ConsistentRead":true}}}"""));
        using var dynamo = Clients.DynamoDb(server.Url, maxAttempts: 1);

        var error = await Assert.ThrowsAsync<AlertStateStoreException>(() => Store(dynamo, server.Url, new RecordingDelay(), maxAttempts: 3).ReadAsync(["p-1", "p-2"]));

        Assert.Equal($"dynamodb table '{Table}': 1 of 2 pumps were still unprocessed after 3 BatchGetItem calls (throttled); try again later", error.Message);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Reads_go_out_in_calls_of_at_most_100_distinct_keys()
    {
        await using var server = FakeAwsServer.Sequence(Answer(200, $$$"""{"Responses":{"{{{Table}}}":[]}}"""));
        using var dynamo = Clients.DynamoDb(server.Url, maxAttempts: 1);
        var pumps = Enumerable.Range(0, 250).Select(i => $"p-{i}").ToArray();

        Assert.Empty(await Store(dynamo, server.Url, new RecordingDelay()).ReadAsync([.. pumps, .. pumps[..50]]));

        var calls = server.Requests.Select(KeysOf).ToArray();
        Assert.Equal([100, 100, 50], calls.Select(c => c.Length).Order().Reverse());
        Assert.Equal(pumps.Order(StringComparer.Ordinal), calls.SelectMany(c => c).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_write_is_one_conditional_PutItem_with_the_window_end_as_its_condition_value()
    {
        await using var server = FakeAwsServer.Sequence(Answer(200, "{}"));
        using var dynamo = Clients.DynamoDb(server.Url, maxAttempts: 1);

        Assert.True(await Store(dynamo, server.Url, new RecordingDelay()).TryWriteAsync("p-1", AlertState.Initial, 1_777_636_800_000_000));

        var request = Assert.Single(server.Requests);
        Assert.Equal("DynamoDB_20120810.PutItem", request.Header("X-Amz-Target"));
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal(Table, root.GetProperty("TableName").GetString());
        Assert.Equal("attribute_not_exists(pump_id) OR applied_through < :w", root.GetProperty("ConditionExpression").GetString());
        Assert.Equal("""{":w":{"N":"1777636800000000"}}""", root.GetProperty("ExpressionAttributeValues").GetRawText());
        var item = root.GetProperty("Item");
        Assert.Equal("p-1", item.GetProperty("pump_id").GetProperty("S").GetString());
        Assert.Equal("1777636800000000", item.GetProperty("applied_through").GetProperty("N").GetString());
        Assert.Equal("0;0;0;0;-9223372036854775808;0;0", item.GetProperty("state").GetProperty("S").GetString());
    }

    [Fact]
    public async Task A_failed_condition_is_a_lost_write_not_an_error()
    {
        await using var server = FakeAwsServer.Sequence(Answer(400,
            """{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}""", "req-lost"));
        using var dynamo = Clients.DynamoDb(server.Url, maxAttempts: 3);

        Assert.False(await Store(dynamo, server.Url, new RecordingDelay()).TryWriteAsync("p-1", AlertState.Initial, 60));
        Assert.Single(server.Requests); // not retried: the answer is final
    }
}
