using System.Text.Json;
using PumpWatch.Aws.Http;
using PumpWatch.Cli.Alerts;
using PumpWatch.Core.Alerts;

namespace PumpWatch.Cli.Tests.Alerts;

/// <summary>The webhook sink against a real HTTP server on 127.0.0.1: what it posts, what it retries, and how it gives up.</summary>
public sealed class WebhookAlertSinkTests
{
    private static readonly WebhookOptions Fast = new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(5),
        MaxAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromSeconds(1),
        RetryBudget = TimeSpan.FromSeconds(10),
    };

    private readonly List<TimeSpan> _delays = [];

    private WebhookAlertSink Sink(HttpClient http, Uri url, WebhookOptions? options = null)
    {
        options ??= Fast;
        // Backoff waits are recorded, not slept: the tests check the schedule without taking its time.
        var retry = new AwsRetryPolicy(options.RetryLimits, new Random(7), (delay, _) =>
        {
            _delays.Add(delay);
            return Task.CompletedTask;
        });
        return new WebhookAlertSink(http, new Uri(url, "alerts"), options, retry, TimeProvider.System);
    }

    [Fact]
    public async Task A_503_then_200_delivers_the_alert_JSON_on_the_second_attempt()
    {
        await using var server = await LoopbackHttpServer.StartAsync(503, 200);
        using var http = new HttpClient();
        await using var sink = Sink(http, server.Url);

        await sink.PublishAsync(TestAlerts.Opened(), CancellationToken.None);

        Assert.Equal(2, server.Requests.Count);
        var delay = Assert.Single(_delays);
        Assert.InRange(delay, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
        foreach (var request in server.Requests)
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal("/alerts", request.Path);
            Assert.StartsWith("application/json", request.Headers["content-type"], StringComparison.Ordinal);
            var json = JsonDocument.Parse(request.Body).RootElement;
            Assert.Equal("3@2026-05-01T00:01:00Z", json.GetProperty("alert_id").GetString());
            Assert.Equal("critical", json.GetProperty("severity").GetString());
            Assert.Equal("opened", json.GetProperty("event").GetString());
        }
    }

    [Fact]
    public async Task A_receiver_that_keeps_failing_is_given_up_on_after_the_attempt_limit_with_a_clear_error()
    {
        await using var server = await LoopbackHttpServer.StartAsync(500);
        using var http = new HttpClient();
        await using var sink = Sink(http, server.Url);

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => sink.PublishAsync(TestAlerts.Opened(), CancellationToken.None).AsTask());

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(2, _delays.Count);
        Assert.Equal($"alert 3@2026-05-01T00:01:00Z not delivered to webhook:{server.Url}alerts: answered 500 Internal Server Error (gave up after 3 attempts)", error.Message);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(400)]
    [InlineData(401)]
    public async Task A_client_error_is_not_retried(int status)
    {
        await using var server = await LoopbackHttpServer.StartAsync(status);
        using var http = new HttpClient();
        await using var sink = Sink(http, server.Url);

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => sink.PublishAsync(TestAlerts.Opened(), CancellationToken.None).AsTask());

        Assert.Single(server.Requests);
        Assert.Empty(_delays);
        Assert.Contains($"answered {status}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_attempt_that_times_out_is_retried()
    {
        await using var server = await LoopbackHttpServer.StartAsync(async (n, _) =>
        {
            if (n == 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(10));
            }

            return (200, "text/plain", "");
        });
        using var http = new HttpClient();
        await using var sink = Sink(http, server.Url, Fast with { AttemptTimeout = TimeSpan.FromSeconds(1) });

        await sink.PublishAsync(TestAlerts.Opened(), CancellationToken.None);

        Assert.Equal(2, server.Requests.Count);
        Assert.Single(_delays);
    }

    [Fact]
    public async Task The_retry_budget_bounds_the_waiting_before_the_attempt_limit()
    {
        await using var server = await LoopbackHttpServer.StartAsync(503);
        using var http = new HttpClient();
        var cap = TimeSpan.FromMilliseconds(100);
        var budget = TimeSpan.FromMilliseconds(250);
        await using var sink = Sink(http, server.Url, Fast with { MaxAttempts = 50, BaseDelay = cap, MaxDelay = cap, RetryBudget = budget });

        await Assert.ThrowsAsync<AlertDeliveryException>(() => sink.PublishAsync(TestAlerts.Opened(), CancellationToken.None).AsTask());

        // Independent oracle: the same seeded draws, each a uniform share of the 100 ms cap, taken while the total stays within 250 ms.
        var random = new Random(7);
        var expected = new List<TimeSpan>();
        while (true)
        {
            var next = TimeSpan.FromTicks((long)(cap.Ticks * random.NextDouble()));
            if (expected.Aggregate(TimeSpan.Zero, (a, b) => a + b) + next > budget)
            {
                break;
            }

            expected.Add(next);
        }

        Assert.Equal(expected, _delays);
        Assert.Equal(expected.Count + 1, server.Requests.Count);
    }
}
