using System.Net;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Tests.Fakes;
using PumpWatch.Aws.Timestream.Query.Model;
using PumpWatch.Aws.Timestream.Write.Model;
using Record = PumpWatch.Aws.Timestream.Write.Model.Record;

namespace PumpWatch.Aws.Tests.Timestream;

/// <summary>The Timestream clients' protocol, retry and error paths against a scripted local server.</summary>
public sealed class TimestreamClientTests
{
    private static readonly WriteRecordsRequest OneRecord = new("pumpwatch", "readings",
        [new Record { Time = "1777593600000000", MeasureValues = [new MeasureValue("vibration", "1.5", "DOUBLE")] }])
    {
        CommonAttributes = new Record { Dimensions = [new Dimension("pump_id", "1")], MeasureName = "reading", MeasureValueType = "MULTI", TimeUnit = "MICROSECONDS" },
    };

    [Fact]
    public async Task WriteRecords_speaks_awsJson1_0_with_the_Timestream_target_and_signing_name()
    {
        await using var server = FakeAwsServer.Sequence(TimestreamResponses.Written(1));
        using var http = Clients.Http();
        using var client = TimestreamClients.Write(http, TimestreamClients.Options(server.Url));

        var response = await client.WriteRecordsAsync(OneRecord);

        var request = Assert.Single(server.Requests);
        // Model metadata: awsJson1_0, targetPrefix Timestream_20181101, sigv4 name "timestream".
        Assert.Equal("Timestream_20181101.WriteRecords", request.Header("X-Amz-Target"));
        Assert.Equal("application/x-amz-json-1.0", request.Header("Content-Type"));
        Assert.Contains("/us-east-1/timestream/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal(1, response.RecordsIngested?.Total);
    }

    [Theory]
    [InlineData(429, "ThrottlingException")]
    [InlineData(500, "InternalServerException")]
    [InlineData(503, "ServiceUnavailable")]
    public async Task Throttling_and_5xx_are_retried_within_the_budget_until_success(int status, string code)
    {
        await using var server = FakeAwsServer.Sequence(TimestreamResponses.Error(status, code), TimestreamResponses.Error(status, code), TimestreamResponses.Written(1));
        using var http = Clients.Http();
        var delay = new RecordingDelay();
        using var client = TimestreamClients.Write(http, TimestreamClients.Options(server.Url), delay);

        await client.WriteRecordsAsync(OneRecord);

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(2, delay.Delays.Count);
        // Full jitter, base 100 ms: retry n waits within [0, 100 ms * 2^n].
        Assert.InRange(delay.Delays[0], TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
        Assert.InRange(delay.Delays[1], TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
        // The same bytes every attempt: the body is serialised once.
        Assert.Single(server.Requests.Select(r => r.BodyText).Distinct());
    }

    [Fact]
    public async Task Persistent_throttling_stops_at_max_attempts_with_code_and_request_id()
    {
        await using var server = FakeAwsServer.Sequence(TimestreamResponses.Error(429, "ThrottlingException", "req-throttled"));
        using var http = Clients.Http();
        using var client = TimestreamClients.Query(http, TimestreamClients.Options(server.Url, maxAttempts: 3));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.QueryAsync(new QueryRequest("SELECT 1")));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(("ThrottlingException", "req-throttled", HttpStatusCode.TooManyRequests, "TimestreamQuery", "Query", 3, true),
            (error.ErrorCode, error.RequestId, error.StatusCode, error.Service, error.Operation, error.Attempts, error.Retryable));
    }

    [Fact]
    public async Task ValidationException_is_not_retried()
    {
        await using var server = FakeAwsServer.Sequence(TimestreamResponses.Error(400, "ValidationException", "req-invalid"));
        using var http = Clients.Http();
        using var client = TimestreamClients.Write(http, TimestreamClients.Options(server.Url));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.WriteRecordsAsync(OneRecord));

        Assert.Single(server.Requests);
        Assert.Equal(("ValidationException", "req-invalid", false), (error.ErrorCode, error.RequestId, error.Retryable));
        Assert.IsNotType<RejectedRecordsException>(error);
    }

    [Fact]
    public async Task RejectedRecordsException_is_typed_with_every_rejected_record_and_not_retried()
    {
        await using var server = FakeAwsServer.Sequence(TimestreamResponses.Rejected(
            (0, "The record timestamp is outside the time range of the data ingestion window.", null),
            (3, "A record with the same dimensions, time and measure name exists with a higher version.", 1780315200000042)));
        using var http = Clients.Http();
        using var client = TimestreamClients.Write(http, TimestreamClients.Options(server.Url));

        var error = await Assert.ThrowsAsync<RejectedRecordsException>(() => client.WriteRecordsAsync(OneRecord));

        Assert.Single(server.Requests);
        Assert.Equal(("RejectedRecordsException", "req-rejected", 419), (error.ErrorCode, error.RequestId, (int)error.StatusCode));
        Assert.Equal(
            [(0, "The record timestamp is outside the time range of the data ingestion window.", (long?)null),
             (3, "A record with the same dimensions, time and measure name exists with a higher version.", 1780315200000042)],
            error.RejectedRecords.Select(r => (r.RecordIndex, r.Reason, r.ExistingVersion)));
        Assert.IsAssignableFrom<AwsServiceException>(error);
    }

    [Fact]
    public async Task RejectedRecordsException_whose_body_lists_nothing_stays_a_generic_error()
    {
        // Without the list, nothing tells which records were refused: the caller must not count any as written.
        await using var server = FakeAwsServer.Sequence(FakeResponse.Json(419, """{"__type":"RejectedRecordsException","message":"rejected"}""", "req-empty"));
        using var http = Clients.Http();
        using var client = TimestreamClients.Write(http, TimestreamClients.Options(server.Url));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.WriteRecordsAsync(OneRecord));

        Assert.IsNotType<RejectedRecordsException>(error);
        Assert.Equal("RejectedRecordsException", error.ErrorCode);
    }

    [Fact]
    public async Task Malformed_success_body_is_a_typed_error_and_not_retried()
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Json(200, """{"QueryId":"q1","Rows":{"Data":[]},"ColumnInfo":[]}""", "req-bad"));
        using var http = Clients.Http();
        using var client = TimestreamClients.Query(http, TimestreamClients.Options(server.Url));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.QueryAsync(new QueryRequest("SELECT 1")));

        Assert.Single(server.Requests);
        Assert.Equal(("MalformedResponse", "req-bad"), (error.ErrorCode, error.RequestId));
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
    }

    [Fact]
    public async Task Non_JSON_5xx_bodies_are_retried_and_reported_by_status()
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Json(502, "<html>bad gateway</html>", "req-html"));
        using var http = Clients.Http();
        using var client = TimestreamClients.Write(http, TimestreamClients.Options(server.Url, maxAttempts: 2));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.WriteRecordsAsync(OneRecord));

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(("Unknown", HttpStatusCode.BadGateway, "req-html"), (error.ErrorCode, error.StatusCode, error.RequestId));
    }

    [Fact]
    public async Task Query_request_carries_the_members_given_and_nothing_else()
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Json(200, """{"QueryId":"q1","Rows":[],"ColumnInfo":[]}"""));
        using var http = Clients.Http();
        using var client = TimestreamClients.Query(http, TimestreamClients.Options(server.Url));

        await client.QueryAsync(new QueryRequest("SELECT 1") { NextToken = "t1", MaxRows = 10 });

        // QueryRequest members in model order: QueryString, ClientToken (absent: not generated), NextToken, MaxRows.
        Assert.Equal("""{"QueryString":"SELECT 1","NextToken":"t1","MaxRows":10}""", Assert.Single(server.Requests).BodyText);
    }

    [Fact]
    public async Task One_log_line_per_call_names_the_Timestream_service_and_operation()
    {
        await using var server = FakeAwsServer.Sequence(TimestreamResponses.Error(429, "ThrottlingException"), TimestreamResponses.Written(1));
        using var http = Clients.Http();
        var logger = new CapturingLogger();
        using var client = TimestreamClients.Write(http, TimestreamClients.Options(server.Url), logger: logger);

        await client.WriteRecordsAsync(OneRecord);

        var line = Assert.Single(logger.Lines);
        Assert.Equal(("TimestreamWrite", "WriteRecords", 1), ((string)line.Values["Service"]!, (string)line.Values["Operation"]!, (int)line.Values["Retries"]!));
    }

    [Fact]
    public async Task EnsureAsync_creates_the_database_and_four_tables_and_keeps_existing_ones()
    {
        await using var server = new FakeAwsServer((request, n) => n is 0 or 2
            ? TimestreamResponses.Error(409, "ConflictException")
            : FakeResponse.Json(200, "{}"));
        using var http = Clients.Http();
        using var client = TimestreamClients.Write(http, TimestreamClients.Options(server.Url));

        var created = await PumpWatch.Aws.Timestream.Store.TimestreamTables.EnsureAsync(client, "pumpwatch", new RetentionProperties(24, 365));

        var requests = server.Requests.ToArray();
        Assert.Equal(["CreateDatabase", "CreateTable", "CreateTable", "CreateTable", "CreateTable"], requests.Select(TimestreamResponses.Operation));
        Assert.Equal("""{"DatabaseName":"pumpwatch","TableName":"readings","RetentionProperties":{"MemoryStoreRetentionPeriodInHours":24,"MagneticStoreRetentionPeriodInDays":365}}""", requests[1].BodyText);
        Assert.Equal(3, created); // database and the second table existed
    }
}
