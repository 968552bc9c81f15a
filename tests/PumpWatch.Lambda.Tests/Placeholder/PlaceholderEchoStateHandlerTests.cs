using System.Text;
using System.Text.Json;
using PumpWatch.Lambda.Placeholder;
using PumpWatch.Lambda.Runtime;
using PumpWatch.Lambda.Tests.Fixtures;

namespace PumpWatch.Lambda.Tests.Placeholder;

/// <summary>
/// The temporary handler answers the tumbling-window contract: the response carries <c>state</c> (without it Lambda
/// counts the invocation as failed) and an empty <c>batchItemFailures</c> (the whole batch succeeded). Response shape:
/// the developer guide's TimeWindowEventResponse example, <c>{"state": {"1": 282, "2": 715}, "batchItemFailures": []}</c>.
/// Delete with the handler when the real function replaces it.
/// </summary>
public sealed class PlaceholderEchoStateHandlerTests
{
    private static readonly InvocationContext Context = new("req-1", DateTimeOffset.MaxValue, null, null);

    private static async Task<JsonDocument> HandleAsync(byte[] payload) =>
        JsonDocument.Parse((await new PlaceholderEchoStateHandler().HandleAsync(payload, Context, CancellationToken.None)).ToArray());

    [Fact]
    public async Task The_documented_event_gets_its_state_back_and_no_failures()
    {
        using var response = await HandleAsync(Encoding.UTF8.GetBytes(KinesisWindowEvents.DocumentedExample));

        var root = response.RootElement;
        Assert.Equal(["batchItemFailures", "state"], root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        // The event's numbers come back as strings: PumpWatch's state is one string per pump.
        Assert.Equal([("1", "282"), ("2", "715")], root.GetProperty("state").EnumerateObject().Select(p => (p.Name, p.Value.GetString())));
        Assert.Equal(JsonValueKind.Array, root.GetProperty("batchItemFailures").ValueKind);
        Assert.Equal(0, root.GetProperty("batchItemFailures").GetArrayLength());
    }

    [Fact]
    public async Task A_first_invoke_without_state_gets_an_empty_state_object()
    {
        using var response = await HandleAsync("""{"Records":[],"window":{"start":"2020-12-09T07:04:00Z","end":"2020-12-09T07:06:00Z"},"shardId":"shardId-000000000006"}"""u8.ToArray());

        Assert.Equal(JsonValueKind.Object, response.RootElement.GetProperty("state").ValueKind);
        Assert.Empty(response.RootElement.GetProperty("state").EnumerateObject());
    }

    [Fact]
    public async Task A_batch_of_ten_thousand_records_keeps_every_pump_state_string_as_it_was()
    {
        var state = Enumerable.Range(1, 20).ToDictionary(p => $"P-{p:D3}", p => $"v1;n={p * 60};mean=6{p}.5;\"quoted\"");
        var payload = KinesisWindowEvents.Readings(10_000, seed: 42, state);

        using var response = await HandleAsync(payload);

        Assert.Equal(state, response.RootElement.GetProperty("state").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
        Assert.Equal(0, response.RootElement.GetProperty("batchItemFailures").GetArrayLength());
    }

    [Fact]
    public async Task A_payload_that_is_not_an_event_throws_so_the_loop_reports_an_invocation_error()
    {
        await Assert.ThrowsAsync<JsonException>(() => HandleAsync("not json"u8.ToArray()));
        await Assert.ThrowsAsync<JsonException>(() => HandleAsync("null"u8.ToArray()));
    }
}
