using PumpWatch.Lambda.Runtime;
using PumpWatch.Lambda.Tests.RuntimeApi;

namespace PumpWatch.Lambda.Tests.Runtime;

/// <summary>
/// A <see cref="RuntimeLoop"/> running in this process against a <see cref="LocalRuntimeApi"/>, wired the way
/// Program.cs wires it (an HttpClient without timeout); disposing stops it and waits for it to return.
/// </summary>
internal sealed class RunningLoop : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _log = new();
    private readonly TextWriter _writer;

    public RunningLoop(LocalRuntimeApi api, Func<CancellationToken, ValueTask<FunctionSetup>> initialize, TimeProvider? clock = null)
    {
        Assert.True(RuntimeApiClient.TryCreateBaseUri(api.HostAndPort, out var baseUri));
        _writer = TextWriter.Synchronized(_log);
        var loop = new RuntimeLoop(new RuntimeApiClient(_http, baseUri), clock ?? TimeProvider.System, _writer, TraceIds.Enqueue);
        Exit = Task.Run(() => loop.RunAsync(initialize, _stop.Token));
    }

    public RunningLoop(LocalRuntimeApi api, IInvocationHandler handler, TimeSpan? cancelBeforeDeadline = null, TimeProvider? clock = null)
        : this(api, _ => ValueTask.FromResult(new FunctionSetup(handler, cancelBeforeDeadline ?? FunctionSetup.DefaultCancelBeforeDeadline)), clock)
    {
    }

    /// <summary>The exit code RunAsync returns.</summary>
    public Task<int> Exit { get; }

    /// <summary>What the loop passed to publishTraceId, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string?> TraceIds { get; } = new();

    public string Log
    {
        get
        {
            // The synchronized writer locks on itself.
            lock (_writer)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The exit code, when the loop ends by itself within <paramref name="timeout"/>.</summary>
    public async Task<int> ExitedWithinAsync(TimeSpan timeout) => await Exit.WaitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Exit.WaitAsync(TimeSpan.FromSeconds(10));
        _http.Dispose();
        _stop.Dispose();
    }
}
