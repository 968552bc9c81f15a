using PumpWatch.Aws.Http;
using PumpWatch.Aws.Tests.Fakes;
using PumpWatch.Aws.Timestream.Discovery;
using PumpWatch.Aws.Timestream.Write.Model;
using Record = PumpWatch.Aws.Timestream.Write.Model.Record;

namespace PumpWatch.Aws.Tests.Timestream;

/// <summary>
/// Endpoint discovery as the models' clientEndpointDiscovery trait describes it: DescribeEndpoints at the configured
/// endpoint, calls at the Address it returns, cached for CachePeriodInMinutes on the injected clock, refreshed after
/// InvalidEndpointException. Two local servers play the regional endpoint and the discovered cell.
/// </summary>
public sealed class EndpointDiscoveryTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly WriteRecordsRequest OneRecord = new("pumpwatch", "readings",
        [new Record { Time = "1777593600000000", MeasureName = "reading", MeasureValue = "1.5" }]);

    private static string Address(FakeAwsServer server) => server.Url.Authority;

    [Fact]
    public async Task Calls_go_to_the_discovered_address_and_the_cache_is_kept_for_its_period()
    {
        await using var cell = FakeAwsServer.Sequence(TimestreamResponses.Written(1));
        await using var regional = FakeAwsServer.Sequence(TimestreamResponses.Endpoints(Address(cell), cachePeriodInMinutes: 10));
        using var http = Clients.Http();
        var clock = new ManualClock(Start);
        using var client = TimestreamClients.Write(http, TimestreamClients.Options(regional.Url), time: clock, discovery: TimestreamEndpointDiscovery.Enabled);

        await client.WriteRecordsAsync(OneRecord);
        clock.Advance(TimeSpan.FromMinutes(9.99));
        await client.WriteRecordsAsync(OneRecord);

        var asked = Assert.Single(regional.Requests);
        Assert.Equal("Timestream_20181101.DescribeEndpoints", asked.Header("X-Amz-Target"));
        Assert.Equal("{}", asked.BodyText); // DescribeEndpointsRequest has no members
        Assert.Equal(2, cell.Requests.Count);
        Assert.All(cell.Requests, r => Assert.Equal("Timestream_20181101.WriteRecords", r.Header("X-Amz-Target")));
        // Signed for the host it was sent to, not the regional one.
        Assert.All(cell.Requests, r => Assert.Equal(Address(cell), r.Header("Host")));

        clock.Advance(TimeSpan.FromMinutes(0.02)); // past the 10 minutes
        await client.WriteRecordsAsync(OneRecord);

        Assert.Equal(2, regional.Requests.Count);
        Assert.Equal(3, cell.Requests.Count);
    }

    [Fact]
    public async Task InvalidEndpointException_drops_the_cached_address_rediscovers_and_retries_once_at_the_new_one()
    {
        await using var newCell = FakeAwsServer.Sequence(TimestreamResponses.Written(1));
        await using var oldCell = FakeAwsServer.Sequence(TimestreamResponses.Written(1), TimestreamResponses.Error(421, "InvalidEndpointException", "req-moved"));
        await using var regional = new FakeAwsServer((_, n) => TimestreamResponses.Endpoints(n == 0 ? Address(oldCell) : Address(newCell)));
        using var http = Clients.Http();
        using var client = TimestreamClients.Write(http, TimestreamClients.Options(regional.Url), time: new ManualClock(Start), discovery: TimestreamEndpointDiscovery.Enabled);

        await client.WriteRecordsAsync(OneRecord);
        await client.WriteRecordsAsync(OneRecord); // the old cell refuses: the cache still said it was good
        await client.WriteRecordsAsync(OneRecord);

        Assert.Equal(2, regional.Requests.Count);
        Assert.Equal(2, oldCell.Requests.Count);
        Assert.Equal(2, newCell.Requests.Count);
        // The refused request and its retry carry the same body.
        Assert.Equal(oldCell.Requests.ToArray()[1].BodyText, newCell.Requests.ToArray()[0].BodyText);
    }

    [Fact]
    public async Task A_second_InvalidEndpointException_is_the_callers_error()
    {
        await using var cell = FakeAwsServer.Sequence(TimestreamResponses.Error(421, "InvalidEndpointException", "req-moved"));
        await using var regional = FakeAwsServer.Sequence(TimestreamResponses.Endpoints(Address(cell)));
        using var http = Clients.Http();
        using var client = TimestreamClients.Write(http, TimestreamClients.Options(regional.Url), time: new ManualClock(Start), discovery: TimestreamEndpointDiscovery.Enabled);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.WriteRecordsAsync(OneRecord));

        Assert.Equal(("InvalidEndpointException", "req-moved", 421), (error.ErrorCode, error.RequestId, (int)error.StatusCode));
        Assert.Equal(2, regional.Requests.Count);
        Assert.Equal(2, cell.Requests.Count);
    }

    [Fact]
    public async Task Concurrent_first_calls_share_one_DescribeEndpoints()
    {
        await using var cell = new FakeAwsServer((_, _) => TimestreamResponses.Written(1));
        await using var regional = new FakeAwsServer((_, _) =>
        {
            Thread.Sleep(100); // hold the answer so the other calls find the refresh under way
            return TimestreamResponses.Endpoints(Address(cell));
        });
        using var http = Clients.Http();
        using var client = TimestreamClients.Write(http, TimestreamClients.Options(regional.Url), time: new ManualClock(Start), discovery: TimestreamEndpointDiscovery.Enabled);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.WriteRecordsAsync(OneRecord)));

        Assert.Single(regional.Requests);
        Assert.Equal(8, cell.Requests.Count);
    }

    [Fact]
    public async Task Auto_with_an_endpoint_override_calls_the_override_directly_as_the_official_SDKs_do()
    {
        await using var server = FakeAwsServer.Sequence(TimestreamResponses.Written(1));
        using var http = Clients.Http();
        using var client = TimestreamClients.Write(http, TimestreamClients.Options(server.Url), time: new ManualClock(Start), discovery: TimestreamEndpointDiscovery.Auto);

        await client.WriteRecordsAsync(OneRecord);

        Assert.Equal(["WriteRecords"], server.Requests.Select(TimestreamResponses.Operation));
    }

    [Fact]
    public async Task No_endpoint_in_the_answer_is_a_typed_error()
    {
        await using var regional = FakeAwsServer.Sequence(FakeResponse.Json(200, """{"Endpoints":[]}""", "req-none"));
        using var http = Clients.Http();
        using var client = TimestreamClients.Write(http, TimestreamClients.Options(regional.Url), time: new ManualClock(Start), discovery: TimestreamEndpointDiscovery.Enabled);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.WriteRecordsAsync(OneRecord));

        Assert.Equal(("EndpointDiscoveryFailed", "DescribeEndpoints"), (error.ErrorCode, error.Operation));
        Assert.Contains("no endpoint address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Disabled_without_an_override_is_refused_with_a_clear_message()
    {
        using var http = Clients.Http();
        var options = new PumpWatch.Aws.Configuration.AwsClientOptions("us-east-1", new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "secret"));

        var error = Assert.Throws<ArgumentException>(() => TimestreamClients.Query(http, options, discovery: TimestreamEndpointDiscovery.Disabled));

        Assert.StartsWith("TimestreamQuery: endpoint discovery is Disabled but no ServiceUrl is configured", error.Message, StringComparison.Ordinal);
    }
}
