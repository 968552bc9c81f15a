using System.Globalization;
using PumpWatch.Lambda.Setup;
using PumpWatch.Lambda.Runtime;

namespace PumpWatch.Lambda;

/// <summary>
/// The composition root of the <c>bootstrap</c> (Lambda's provided.al2023 runtime starts it): the only place that
/// reads the environment. It picks the clock, the HTTP client for the Runtime API and standard error for the log,
/// builds the handler during init, and runs the runtime loop.
/// </summary>
internal static class Program
{
    /// <summary>Host and port of the Runtime API, set by Lambda (developer guide, "Using the Lambda runtime API").</summary>
    private const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    /// <summary>Where a runtime publishes each invocation's X-Ray header (developer guide, same page).</summary>
    private const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    /// <summary>Optional: how many milliseconds before the deadline the handler's token fires (default 1000).</summary>
    private const string CancelBeforeDeadlineVariable = "PUMPWATCH_CANCEL_BEFORE_DEADLINE_MS";

    private static readonly TimeSpan LongestCancelBeforeDeadline = TimeSpan.FromMinutes(1);

    public static async Task<int> Main()
    {
        var runtimeApi = Environment.GetEnvironmentVariable(RuntimeApiVariable);
        if (!RuntimeApiClient.TryCreateBaseUri(runtimeApi, out var baseUri))
        {
            // Nowhere to post an init error to: say what is wrong on standard error and stop.
            await Console.Error.WriteLineAsync(
                $"bootstrap: {RuntimeApiVariable} is '{runtimeApi ?? "(not set)"}', not host:port; this program runs in AWS Lambda's provided.al2023 runtime or under a Runtime API emulator").ConfigureAwait(false);
            return RuntimeExitCodes.NoRuntimeApi;
        }

        // No timeout (the long poll on next must not end after 100 s) and no proxy (the Runtime API is local).
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
        var loop = new RuntimeLoop(
            new RuntimeApiClient(http, baseUri),
            TimeProvider.System,
            Console.Error,
            traceId => Environment.SetEnvironmentVariable(TraceIdVariable, traceId));
        return await loop.RunAsync(InitializeAsync, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Init: everything that can fail on configuration (settings, the model, its window against the event source
    /// mapping's), so that a failure is posted to /runtime/init/error. The function's HTTP client is its own: the
    /// Runtime API's has no timeout, AWS calls time out per attempt.
    /// </summary>
    private static async ValueTask<FunctionSetup> InitializeAsync(CancellationToken cancel)
    {
        var cancelBeforeDeadline = CancelBeforeDeadline(Environment.GetEnvironmentVariable(CancelBeforeDeadlineVariable));
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        // Retry jitter spreads clients apart, so it is seeded by the system here, as in the CLI's composition root.
        var function = await FunctionEnvironment.CreateAsync(Environment.GetEnvironmentVariable, http, TimeProvider.System, new Random(), Console.Out, cancel).ConfigureAwait(false);
        return new FunctionSetup(new WindowFunctionHandler(function), cancelBeforeDeadline);
    }

    private static TimeSpan CancelBeforeDeadline(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return FunctionSetup.DefaultCancelBeforeDeadline;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms > LongestCancelBeforeDeadline.TotalMilliseconds)
        {
            throw new FunctionConfigurationException(
                $"{CancelBeforeDeadlineVariable} is '{text}': give whole milliseconds from 0 to {LongestCancelBeforeDeadline.TotalMilliseconds:0}");
        }

        return TimeSpan.FromMilliseconds(ms);
    }
}
