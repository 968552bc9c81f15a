using System.Globalization;

namespace PumpWatch.Lambda.Runtime;

/// <summary>
/// The custom runtime's life: init once (a failure is posted to <c>/runtime/init/error</c> and ends the process),
/// then forever get the next invocation, hand it to the handler with a token that fires shortly before the deadline,
/// and post what the handler returned, or, when it threw, an invocation error. One invocation at a time, as Lambda
/// (default capacity) sends them.
/// </summary>
internal sealed class RuntimeLoop
{
    /// <summary>
    /// Lambda's longest timeout is 15 minutes; a deadline further out than this (only a test or emulator sends one)
    /// is held here, since a timer cannot wait much beyond 49 days.
    /// </summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    private readonly RuntimeApiClient _api;
    private readonly TimeProvider _time;
    private readonly TextWriter _log;
    private readonly Action<string?> _publishTraceId;

    /// <param name="api">The Runtime API.</param>
    /// <param name="time">The clock the deadline is measured against (the deadline itself is wall-clock Unix time).</param>
    /// <param name="log">Where one line per failure goes (standard error, which Lambda sends to CloudWatch Logs).</param>
    /// <param name="publishTraceId">
    /// Called with each invocation's X-Ray header (null when Lambda sent none) before the handler runs. The composition
    /// root sets _X_AMZN_TRACE_ID with it, as the developer guide asks of a runtime: AWSSDK.Core (S3, DynamoDB) reads
    /// that variable under Lambda and sends it as X-Amzn-Trace-Id, which joins those calls to the invocation's trace
    /// and keeps Lambda's recursive-loop detection working. Null clears it, so no call is tagged with an earlier trace.
    /// </param>
    public RuntimeLoop(RuntimeApiClient api, TimeProvider time, TextWriter log, Action<string?> publishTraceId)
    {
        _api = api;
        _time = time;
        _log = log;
        _publishTraceId = publishTraceId;
    }

    /// <summary>Runs init, then invocations until <paramref name="stop"/> fires; returns the process exit code.</summary>
    public async Task<int> RunAsync(Func<CancellationToken, ValueTask<FunctionSetup>> initialize, CancellationToken stop)
    {
        FunctionSetup setup;
        try
        {
            setup = await initialize(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return RuntimeExitCodes.Stopped;
        }
        catch (Exception ex)
        {
            // Whatever init throws (a missing setting, a model that cannot load) is reported, not swallowed: Lambda
            // shows it as the answer to the first invoke and restarts the environment.
            await _log.WriteLineAsync($"init failed: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            await ReportInitErrorAsync(RuntimeError.From(ex), stop).ConfigureAwait(false);
            return RuntimeExitCodes.InitFailed;
        }

        try
        {
            while (true)
            {
                await InvokeOnceAsync(setup, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return RuntimeExitCodes.Stopped;
        }
        catch (Exception ex) when (ex is RuntimeApiException or HttpRequestException)
        {
            await _log.WriteLineAsync($"runtime API failed, exiting: {ex.Message}").ConfigureAwait(false);
            return RuntimeExitCodes.RuntimeApiFailed;
        }
    }

    private async Task InvokeOnceAsync(FunctionSetup setup, CancellationToken stop)
    {
        var next = await _api.GetNextInvocationAsync(stop).ConfigureAwait(false);
        _publishTraceId(next.TraceId);
        if (!long.TryParse(next.DeadlineMs, NumberStyles.None, CultureInfo.InvariantCulture, out var deadlineMs)
            || deadlineMs > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            // Every invocation has a deadline; without one the handler could not be stopped in time, so the
            // invocation fails with the header named and the loop goes on.
            var error = new RuntimeError(
                $"{RuntimeApiNames.DeadlineHeader} is '{next.DeadlineMs ?? "(missing)"}', not Unix time in milliseconds", "Runtime.InvalidDeadline");
            await PostAsync(_api.PostInvocationErrorAsync(next.RequestId, error, stop)).ConfigureAwait(false);
            return;
        }

        var context = new InvocationContext(next.RequestId, DateTimeOffset.FromUnixTimeMilliseconds(deadlineMs), next.InvokedFunctionArn, next.TraceId);
        var untilCancel = context.Deadline - setup.CancelBeforeDeadline - _time.GetUtcNow();
        using var deadline = new CancellationTokenSource(untilCancel <= TimeSpan.Zero ? TimeSpan.Zero : untilCancel > LongestWait ? LongestWait : untilCancel, _time);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stop);
        ReadOnlyMemory<byte> response;
        try
        {
            response = await setup.Handler.HandleAsync(next.Payload, context, cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // The handler's exception is this invocation's failure, reported to Lambda (which retries the batch);
            // the loop itself goes on to the next invocation.
            await _log.WriteLineAsync($"invocation {next.RequestId} failed: {ex}").ConfigureAwait(false);
            await PostAsync(_api.PostInvocationErrorAsync(next.RequestId, RuntimeError.From(ex), stop)).ConfigureAwait(false);
            return;
        }

        await PostAsync(_api.PostResponseAsync(next.RequestId, response, stop)).ConfigureAwait(false);
    }

    private async Task PostAsync(Task<string?> post)
    {
        // A rejected post (413: response larger than Lambda accepts; 400/403) ends that invocation on Lambda's side;
        // the runtime can only log it and take the next one.
        if (await post.ConfigureAwait(false) is { } rejected)
        {
            await _log.WriteLineAsync(rejected).ConfigureAwait(false);
        }
    }

    private async Task ReportInitErrorAsync(RuntimeError error, CancellationToken stop)
    {
        try
        {
            await PostAsync(_api.PostInitErrorAsync(error, stop)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RuntimeApiException or HttpRequestException or OperationCanceledException)
        {
            // The process exits with InitFailed either way; the log line is all that is left to do.
            await _log.WriteLineAsync($"could not report the init error: {ex.Message}").ConfigureAwait(false);
        }
    }
}
