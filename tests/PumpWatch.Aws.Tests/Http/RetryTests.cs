using System.Diagnostics;
using System.Net;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Kinesis.Model;
using PumpWatch.Aws.Tests.Fakes;

namespace PumpWatch.Aws.Tests.Http;

/// <summary>Retry, budget, error and cancellation paths of an AWS JSON client, against a scripted local HTTP server.</summary>
public sealed class RetryTests
{
    private const string SummaryJson = """
        {"StreamDescriptionSummary":{"StreamName":"pumps","StreamARN":"arn:aws:kinesis:us-east-1:000000000000:stream/pumps",
         "StreamStatus":"ACTIVE","RetentionPeriodHours":24,"StreamCreationTimestamp":1700000000.123,
         "EnhancedMonitoring":[{"ShardLevelMetrics":[]}],"OpenShardCount":2}}
        """;

    private static readonly DescribeStreamSummaryRequest Describe = new() { StreamName = "pumps" };

    private static FakeResponse Error(int status, string code, string requestId = "req-1") =>
        FakeResponse.Json(status, $$"""{"__type":"{{code}}","message":"{{code}} from the fake"}""", requestId);

    private static PumpWatch.Aws.Configuration.AwsClientOptions Options(Uri url, int maxAttempts = 4) =>
        Clients.Options(url) with
        {
            MaxAttempts = maxAttempts,
            BaseDelay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(1),
            RetryBudget = TimeSpan.FromSeconds(10),
        };

    [Theory]
    [InlineData(400, "ThrottlingException")]
    [InlineData(400, "ProvisionedThroughputExceededException")]
    [InlineData(500, "InternalFailure")]
    [InlineData(503, "ServiceUnavailable")]
    public async Task Retryable_errors_are_retried_until_success_with_full_jitter_delays(int status, string code)
    {
        await using var server = FakeAwsServer.Sequence(Error(status, code), Error(status, code), FakeResponse.Json(200, SummaryJson));
        using var http = Clients.Http();
        var delay = new RecordingDelay();
        var client = Clients.Kinesis(http, Options(server.Url), delay);

        var response = await client.DescribeStreamSummaryAsync(Describe);

        Assert.Equal("ACTIVE", response.StreamDescriptionSummary.StreamStatus);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123), response.StreamDescriptionSummary.StreamCreationTimestamp);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(2, delay.Delays.Count);
        // Full jitter: retry n waits within [0, base * 2^n].
        Assert.InRange(delay.Delays[0], TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
        Assert.InRange(delay.Delays[1], TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Persistent_throttling_stops_at_max_attempts_with_a_typed_error()
    {
        await using var server = FakeAwsServer.Sequence(Error(400, "ThrottlingException", "req-throttled"));
        using var http = Clients.Http();
        var client = Clients.Kinesis(http, Options(server.Url, maxAttempts: 4));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeStreamSummaryAsync(Describe));

        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(4, error.Attempts);
        Assert.Equal("ThrottlingException", error.ErrorCode);
        Assert.Equal("req-throttled", error.RequestId);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("DescribeStreamSummary", error.Operation);
        Assert.True(error.Retryable);
    }

    [Fact]
    public async Task Budget_stops_retries_before_max_attempts()
    {
        await using var server = FakeAwsServer.Sequence(Error(503, "ServiceUnavailable"));
        using var http = Clients.Http();
        var delay = new RecordingDelay();
        var budget = TimeSpan.FromMilliseconds(250);
        var cap = TimeSpan.FromMilliseconds(100);
        var options = Clients.Options(server.Url) with { MaxAttempts = 50, BaseDelay = cap, MaxDelay = cap, RetryBudget = budget };
        var client = Clients.Kinesis(http, options, delay);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeStreamSummaryAsync(Describe));

        // Independent oracle: the same seeded draws, each a uniform share of the 100 ms cap, retried while the
        // total stays within 250 ms.
        var random = new Random(Clients.JitterSeed);
        var expectedRetries = 0;
        var total = TimeSpan.Zero;
        while (true)
        {
            var next = TimeSpan.FromTicks((long)(cap.Ticks * random.NextDouble()));
            if (total + next > budget)
            {
                break;
            }

            total += next;
            expectedRetries++;
        }

        Assert.InRange(expectedRetries, 1, 20);
        Assert.Equal(expectedRetries + 1, error.Attempts);
        Assert.Equal(expectedRetries + 1, server.Requests.Count);
        Assert.Equal(total, delay.Delays.Aggregate(TimeSpan.Zero, (a, b) => a + b));
        Assert.Equal(503, (int)error.StatusCode);
    }

    [Fact]
    public async Task Non_retryable_error_is_thrown_after_one_attempt_with_code_and_request_id()
    {
        await using var server = FakeAwsServer.Sequence(
            FakeResponse.Json(400, """{"__type":"com.amazonaws.kinesis.v20131202#ResourceNotFoundException","message":"Stream pumps not found"}""", "req-404"));
        using var http = Clients.Http();
        var client = Clients.Kinesis(http, Options(server.Url));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeStreamSummaryAsync(Describe));

        Assert.Single(server.Requests);
        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Equal("req-404", error.RequestId);
        Assert.False(error.Retryable);
        Assert.Contains("Stream pumps not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_code_comes_from_the_x_amzn_ErrorType_header_when_the_body_has_none()
    {
        await using var server = FakeAwsServer.Sequence(new FakeResponse(400, "{}", new Dictionary<string, string>
        {
            ["x-amzn-ErrorType"] = "ResourceInUseException:http://internal.amazon.com/coral/com.amazonaws.kinesis/",
            ["x-amzn-RequestId"] = "req-hdr",
        }));
        using var http = Clients.Http();
        var client = Clients.Kinesis(http, Options(server.Url));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeStreamSummaryAsync(Describe));

        Assert.Equal("ResourceInUseException", error.ErrorCode);
        Assert.Equal("req-hdr", error.RequestId);
    }

    [Fact]
    public async Task Malformed_success_body_is_a_typed_error_and_not_retried()
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Json(200, """{"StreamDescriptionSummary": {"StreamName": """, "req-bad"));
        using var http = Clients.Http();
        var client = Clients.Kinesis(http, Options(server.Url));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeStreamSummaryAsync(Describe));

        Assert.Single(server.Requests);
        Assert.Equal("MalformedResponse", error.ErrorCode);
        Assert.Equal("req-bad", error.RequestId);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
    }

    [Fact]
    public async Task Malformed_error_body_on_503_is_retried_and_reported_by_status()
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Json(503, "<html>upstream down</html>", "req-html"));
        using var http = Clients.Http();
        var client = Clients.Kinesis(http, Options(server.Url, maxAttempts: 3));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeStreamSummaryAsync(Describe));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal("Unknown", error.ErrorCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("req-html", error.RequestId);
    }

    [Fact]
    public async Task Cancellation_stops_a_hanging_call_promptly()
    {
        using var cancel = new CancellationTokenSource();
        // Cancel once the server holds the request, so the call is surely in flight (no race with a timer).
        await using var server = new FakeAwsServer((_, _) =>
        {
            cancel.CancelAfter(TimeSpan.FromMilliseconds(50));
            return FakeResponse.Hanging();
        });
        using var http = Clients.Http();
        var logger = new CapturingLogger();
        var client = Clients.Kinesis(http, Options(server.Url) with { AttemptTimeout = TimeSpan.FromSeconds(30) }, logger: logger);
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.DescribeStreamSummaryAsync(Describe, cancel.Token));

        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Single(server.Requests);
        var line = Assert.Single(logger.Lines);
        Assert.Contains("cancelled", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attempt_timeout_is_retried_then_reported_as_RequestTimeout()
    {
        // The first call answers and warms up signing (AWSSDK.Core's first use takes a while); later ones hang.
        await using var server = FakeAwsServer.Sequence(FakeResponse.Json(200, SummaryJson), FakeResponse.Hanging());
        using var http = Clients.Http();
        var options = Options(server.Url, maxAttempts: 2) with { AttemptTimeout = TimeSpan.FromSeconds(1.5) };
        var client = Clients.Kinesis(http, options);
        await client.DescribeStreamSummaryAsync(Describe);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeStreamSummaryAsync(Describe));

        Assert.Equal("RequestTimeout", error.ErrorCode);
        Assert.Equal(2, error.Attempts);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task One_structured_log_line_per_call_with_service_operation_latency_and_retries()
    {
        await using var server = FakeAwsServer.Sequence(Error(400, "ThrottlingException"), Error(500, "InternalFailure"), FakeResponse.Json(200, SummaryJson));
        using var http = Clients.Http();
        var logger = new CapturingLogger();
        var client = Clients.Kinesis(http, Options(server.Url), logger: logger);

        await client.DescribeStreamSummaryAsync(Describe);

        var line = Assert.Single(logger.Lines);
        Assert.Equal("Kinesis", line.Values["Service"]);
        Assert.Equal("DescribeStreamSummary", line.Values["Operation"]);
        Assert.Equal(2, line.Values["Retries"]);
        Assert.Equal(200, line.Values["StatusCode"]);
        Assert.IsType<long>(line.Values["LatencyMs"]);
    }

    [Fact]
    public async Task Failed_call_logs_one_warning_with_error_code_and_request_id()
    {
        await using var server = FakeAwsServer.Sequence(Error(400, "ResourceNotFoundException", "req-log"));
        using var http = Clients.Http();
        var logger = new CapturingLogger();
        var client = Clients.Kinesis(http, Options(server.Url), logger: logger);

        await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeStreamSummaryAsync(Describe));

        var line = Assert.Single(logger.Lines);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, line.Level);
        Assert.Equal("ResourceNotFoundException", line.Values["ErrorCode"]);
        Assert.Equal("req-log", line.Values["RequestId"]);
        Assert.Equal(0, line.Values["Retries"]);
    }
}
