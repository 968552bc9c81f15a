using System.Text;
using System.Text.Json;
using PumpWatch.Lambda.Runtime;
using PumpWatch.Lambda.Tests.RuntimeApi;

namespace PumpWatch.Lambda.Tests.Runtime;

/// <summary>
/// The runtime loop in this process against a local server that follows the documented Runtime API: the next ->
/// response round trip, errors, init failure, the deadline token and invocations in a row. Header values and the
/// error format are the developer guide's ("Using the Lambda runtime API for custom runtimes") examples.
/// </summary>
public sealed class RuntimeLoopTests
{
    /// <summary>The developer guide's example values for the next-invocation headers.</summary>
    private const string RequestId = "8476a536-e9f4-11e8-9739-2dfe598c3fcd";
    private const string FunctionArn = "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime";
    private const string TraceId = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";

    /// <summary>2100-01-01T00:00:00Z in Unix milliseconds (4102444800 s, by hand: 130 years of which 32 leap years, 47482 days * 86400).</summary>
    private const string FarDeadlineMs = "4102444800000";

    /// <summary>How long a test waits for something that takes milliseconds when the machine is idle (it is often not).</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan TimerGranularity = TimeSpan.FromMilliseconds(20);

    private static readonly DelegateHandler Echo = new((payload, _, _) => ValueTask.FromResult(payload));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string DeadlineIn(TimeSpan fromNow) =>
        (DateTimeOffset.UtcNow + fromNow).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Next_then_response_hands_the_payload_and_documented_headers_to_the_handler_and_posts_its_bytes()
    {
        await using var api = await LocalRuntimeApi.StartAsync();
        InvocationContext? seen = null;
        byte[]? seenPayload = null;
        var handler = new DelegateHandler((payload, context, _) =>
        {
            seen = context;
            seenPayload = payload.ToArray();
            return ValueTask.FromResult<ReadOnlyMemory<byte>>(Utf8("SUCCESS"));
        });
        await using var loop = new RunningLoop(api, handler);

        api.Enqueue(new QueuedInvocation(RequestId, Utf8("""{"hello":"lambda"}"""), FarDeadlineMs, FunctionArn, TraceId));
        var post = await api.NextPostAsync(Wait);

        Assert.Equal("response", post.Kind);
        Assert.Equal(RequestId, post.RequestId);
        Assert.Equal("SUCCESS", post.BodyText);
        Assert.Equal("""{"hello":"lambda"}""", Encoding.UTF8.GetString(seenPayload!));
        Assert.Equal(new InvocationContext(RequestId, new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero), FunctionArn, TraceId), seen);
        Assert.Equal([TraceId], loop.TraceIds);
    }

    [Fact]
    public async Task A_handler_exception_is_posted_as_an_invocation_error_in_the_documented_format_and_the_loop_goes_on()
    {
        await using var api = await LocalRuntimeApi.StartAsync();
        var handler = new DelegateHandler((payload, _, _) => payload.Span.SequenceEqual("fail"u8)
            ? throw new InvalidOperationException("Error parsing event data.")
            : ValueTask.FromResult(payload));
        await using var loop = new RunningLoop(api, handler);

        api.Enqueue(new QueuedInvocation("req-1", Utf8("fail"), FarDeadlineMs));
        api.Enqueue(new QueuedInvocation("req-2", Utf8("fine"), FarDeadlineMs));
        var error = await api.NextPostAsync(Wait);
        var next = await api.NextPostAsync(Wait);

        Assert.Equal(("error", "req-1"), (error.Kind, error.RequestId));
        Assert.Equal("InvalidOperationException", error.Headers["lambda-runtime-function-error-type"]);
        Assert.Equal("application/vnd.aws.lambda.error+json", error.Headers["content-type"]);
        using var body = JsonDocument.Parse(error.Body);
        Assert.Equal(["errorMessage", "errorType"], body.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Error parsing event data.", body.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidOperationException", body.RootElement.GetProperty("errorType").GetString());
        Assert.Equal(("response", "req-2", "fine"), (next.Kind, next.RequestId, next.BodyText));
        Assert.Contains("invocation req-1 failed: System.InvalidOperationException: Error parsing event data.", loop.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_init_failure_is_posted_to_init_error_and_ends_the_loop_non_zero_before_any_next()
    {
        await using var api = await LocalRuntimeApi.StartAsync();
        await using var loop = new RunningLoop(api, _ => throw new FunctionConfigurationException("PUMPWATCH_MODEL_URI is not set"));

        var post = await api.NextPostAsync(Wait);
        var exit = await loop.ExitedWithinAsync(Wait);

        Assert.Equal(("init/error", null), (post.Kind, post.RequestId));
        Assert.Equal("FunctionConfigurationException", post.Headers["lambda-runtime-function-error-type"]);
        using var body = JsonDocument.Parse(post.Body);
        Assert.Equal("PUMPWATCH_MODEL_URI is not set", body.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("FunctionConfigurationException", body.RootElement.GetProperty("errorType").GetString());
        Assert.NotEqual(0, exit);
        Assert.Empty(api.NextPolls);
    }

    [Fact]
    public async Task The_handler_token_fires_before_the_deadline_leaving_the_configured_margin()
    {
        // Wide margins on purpose: the token must fire in [deadline - margin, deadline), and a loaded machine delays
        // timer callbacks by tens to hundreds of milliseconds, never fires them early.
        var margin = TimeSpan.FromMilliseconds(1500);
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(3);
        await using var api = await LocalRuntimeApi.StartAsync();
        DateTimeOffset? cancelledAt = null;
        var handler = new DelegateHandler(async (_, _, cancel) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancel);
            }
            catch (OperationCanceledException)
            {
                cancelledAt = DateTimeOffset.UtcNow;
            }

            return Utf8("partial");
        });
        await using var loop = new RunningLoop(api, handler, margin);

        api.Enqueue(new QueuedInvocation("req-deadline", [], deadline.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var post = await api.NextPostAsync(Wait);

        Assert.Equal(("response", "partial"), (post.Kind, post.BodyText));
        Assert.NotNull(cancelledAt);
        // The header holds whole milliseconds and timers tick in milliseconds on a monotonic clock, not the wall clock:
        // a few milliseconds early against UtcNow is granularity, not a wrong margin.
        Assert.InRange(cancelledAt.Value, deadline - margin - TimerGranularity, deadline);
    }

    [Fact]
    public async Task The_deadline_is_measured_with_the_injected_clock()
    {
        // The system clock puts the deadline a minute away; the injected clock is 59.5 s ahead of it, so with a 1 s
        // margin the token must already be cancelled when the handler starts.
        await using var api = await LocalRuntimeApi.StartAsync();
        bool? cancelledAtStart = null;
        var handler = new DelegateHandler((payload, _, cancel) =>
        {
            cancelledAtStart = cancel.IsCancellationRequested;
            return ValueTask.FromResult(payload);
        });
        await using var loop = new RunningLoop(api, handler, TimeSpan.FromSeconds(1), new ShiftedClock(TimeSpan.FromSeconds(59.5)));

        api.Enqueue(new QueuedInvocation("req-clock", Utf8("x"), DeadlineIn(TimeSpan.FromMinutes(1))));
        await api.NextPostAsync(Wait);

        Assert.True(cancelledAtStart);
    }

    [Fact]
    public async Task Several_invocations_in_a_row_are_answered_in_order_each_with_its_own_request_id_and_trace()
    {
        await using var api = await LocalRuntimeApi.StartAsync();
        await using var loop = new RunningLoop(api, Echo);
        string?[] traces = ["Root=1-00000000-000000000000000000000001", null, "Root=1-00000000-000000000000000000000003", null, null];

        for (var i = 0; i < traces.Length; i++)
        {
            api.Enqueue(new QueuedInvocation($"req-{i}", Utf8($"payload {i}"), FarDeadlineMs, FunctionArn, traces[i]));
        }

        for (var i = 0; i < traces.Length; i++)
        {
            var post = await api.NextPostAsync(Wait);
            Assert.Equal(("response", $"req-{i}", $"payload {i}"), (post.Kind, post.RequestId, post.BodyText));
        }

        // After the last answer the loop is back on next, waiting; a trace id is never carried into an invocation without one.
        await api.WaitForNextPollsAsync(traces.Length + 1, Wait);
        Assert.Equal(traces, loop.TraceIds);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("-1")]
    public async Task An_invocation_without_a_readable_deadline_fails_naming_the_header_and_the_loop_goes_on(string? deadlineMs)
    {
        await using var api = await LocalRuntimeApi.StartAsync();
        var called = 0;
        var handler = new DelegateHandler((payload, _, _) =>
        {
            Interlocked.Increment(ref called);
            return ValueTask.FromResult(payload);
        });
        await using var loop = new RunningLoop(api, handler);

        api.Enqueue(new QueuedInvocation("req-bad", Utf8("x"), deadlineMs));
        api.Enqueue(new QueuedInvocation("req-good", Utf8("y"), FarDeadlineMs));
        var error = await api.NextPostAsync(Wait);
        var response = await api.NextPostAsync(Wait);

        Assert.Equal(("error", "req-bad"), (error.Kind, error.RequestId));
        Assert.Equal("Runtime.InvalidDeadline", error.Headers["lambda-runtime-function-error-type"]);
        using (var body = JsonDocument.Parse(error.Body))
        {
            Assert.Equal($"Lambda-Runtime-Deadline-Ms is '{deadlineMs ?? "(missing)"}', not Unix time in milliseconds", body.RootElement.GetProperty("errorMessage").GetString());
        }

        Assert.Equal(("response", "req-good"), (response.Kind, response.RequestId));
        Assert.Equal(1, called);
    }

    [Fact]
    public async Task A_container_error_on_next_ends_the_loop_with_the_runtime_api_exit_code()
    {
        await using var api = await LocalRuntimeApi.StartAsync();
        await using var loop = new RunningLoop(api, Echo);

        api.Enqueue(QueuedInvocation.Failure(500));
        var exit = await loop.ExitedWithinAsync(Wait);

        Assert.Equal(RuntimeExitCodes.RuntimeApiFailed, exit);
        Assert.Contains("GET runtime/invocation/next answered 500", loop.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invocation_without_a_request_id_cannot_be_answered_and_ends_the_loop()
    {
        await using var api = await LocalRuntimeApi.StartAsync();
        await using var loop = new RunningLoop(api, Echo);

        api.Enqueue(new QueuedInvocation(null, Utf8("x"), FarDeadlineMs));
        var exit = await loop.ExitedWithinAsync(Wait);

        Assert.Equal(RuntimeExitCodes.RuntimeApiFailed, exit);
        Assert.Contains("without the Lambda-Runtime-Aws-Request-Id header", loop.Log, StringComparison.Ordinal);
        Assert.False(await api.AnyPostWithinAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task A_rejected_response_is_logged_and_the_loop_takes_the_next_invocation()
    {
        await using var api = await LocalRuntimeApi.StartAsync();
        api.ResponseStatus = 413;
        await using var loop = new RunningLoop(api, Echo);

        api.Enqueue(new QueuedInvocation("req-big", Utf8("too large"), FarDeadlineMs));
        await api.NextPostAsync(Wait);
        await api.WaitForNextPollsAsync(2, Wait);

        Assert.False(loop.Exit.IsCompleted);
        Assert.Contains("POST runtime/invocation/req-big/response answered 413", loop.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_the_host_ends_a_pending_long_poll_with_exit_code_zero()
    {
        await using var api = await LocalRuntimeApi.StartAsync();
        var loop = new RunningLoop(api, Echo);
        await api.WaitForNextPollsAsync(1, Wait);

        await loop.DisposeAsync();

        Assert.Equal(RuntimeExitCodes.Stopped, await loop.Exit);
    }
}
