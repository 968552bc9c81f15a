using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PumpWatch.Lambda.Tests.RuntimeApi;

/// <summary>
/// The Lambda Runtime API (2018-06-01) as the developer guide and its OpenAPI specification describe it, served by
/// Kestrel on 127.0.0.1 and a port the system picks: <c>next</c> is a long poll that answers with the next queued
/// invocation and its headers; <c>response</c>, <c>error</c> and <c>init/error</c> posts are kept and answered 202
/// (400 for a request id it never handed out). A bootstrap child process cannot outlive it: when this server's
/// sockets close, the child's pending <c>next</c> fails and the runtime exits.
/// </summary>
internal sealed class LocalRuntimeApi : IAsyncDisposable
{
    private const string Base = "/2018-06-01/runtime";

    private readonly WebApplication _app;
    private readonly Channel<QueuedInvocation> _invocations = Channel.CreateUnbounded<QueuedInvocation>();
    private readonly Channel<RecordedPost> _posts = Channel.CreateUnbounded<RecordedPost>();
    private readonly ConcurrentQueue<long> _nextPolls = new();
    private readonly ConcurrentDictionary<string, bool> _handedOut = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closing = new();

    private LocalRuntimeApi(WebApplication app)
    {
        _app = app;
        app.MapGet($"{Base}/invocation/next", NextAsync);
        app.MapPost($"{Base}/invocation/{{id}}/response", context => RecordAsync(context, "response"));
        app.MapPost($"{Base}/invocation/{{id}}/error", context => RecordAsync(context, "error"));
        app.MapPost($"{Base}/init/error", context => RecordAsync(context, "init/error"));
    }

    /// <summary>The value for AWS_LAMBDA_RUNTIME_API: <c>127.0.0.1:port</c>.</summary>
    public string HostAndPort { get; private set; } = "";

    /// <summary>The status every <c>response</c> post is answered with (202 unless a test wants a rejection).</summary>
    public int ResponseStatus { get; set; } = StatusCodes.Status202Accepted;

    /// <summary>Stopwatch timestamps of every <c>GET next</c> received, in order.</summary>
    public IReadOnlyCollection<long> NextPolls => _nextPolls;

    public static async Task<LocalRuntimeApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var server = new LocalRuntimeApi(builder.Build());
        await server._app.StartAsync();
        var address = server._app.Urls.Single(); // the address Kestrel bound, port included
        server.HostAndPort = new Uri(address).Authority;
        return server;
    }

    public void Enqueue(QueuedInvocation invocation) => _invocations.Writer.TryWrite(invocation);

    /// <summary>The next post the runtime makes, in arrival order; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<RecordedPost> NextPostAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            return await _posts.Reader.ReadAsync(limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            throw new TimeoutException($"the runtime posted nothing within {timeout.TotalSeconds:0.#} s");
        }
    }

    /// <summary>True when a post arrived (and is left unread) within <paramref name="wait"/>.</summary>
    public async Task<bool> AnyPostWithinAsync(TimeSpan wait)
    {
        using var limit = new CancellationTokenSource(wait);
        try
        {
            return await _posts.Reader.WaitToReadAsync(limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Waits until <c>next</c> has been asked for <paramref name="count"/> times in all.</summary>
    public async Task WaitForNextPollsAsync(int count, TimeSpan timeout)
    {
        var until = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (_nextPolls.Count < count)
        {
            if (Stopwatch.GetTimestamp() > until)
            {
                throw new TimeoutException($"next was asked for {_nextPolls.Count} time(s), not {count}, within {timeout.TotalSeconds:0.#} s");
            }

            await Task.Delay(10);
        }
    }

    private async Task NextAsync(HttpContext context)
    {
        _nextPolls.Enqueue(Stopwatch.GetTimestamp());
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _closing.Token);
        var invocation = await _invocations.Reader.ReadAsync(wait.Token);
        var response = context.Response;
        if (invocation.Status != StatusCodes.Status200OK)
        {
            response.StatusCode = invocation.Status;
            await response.WriteAsync($$"""{"errorMessage":"status {{invocation.Status}} from the test","errorType":"ContainerError"}""", context.RequestAborted);
            return;
        }

        if (invocation.RequestId is not null)
        {
            _handedOut[invocation.RequestId] = true;
            response.Headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        }

        SetIfPresent(response, "Lambda-Runtime-Deadline-Ms", invocation.DeadlineMs);
        SetIfPresent(response, "Lambda-Runtime-Invoked-Function-Arn", invocation.FunctionArn);
        SetIfPresent(response, "Lambda-Runtime-Trace-Id", invocation.TraceId);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = invocation.Payload.Length;
        await response.Body.WriteAsync(invocation.Payload, context.RequestAborted);
    }

    private async Task RecordAsync(HttpContext context, string kind)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var id = context.Request.RouteValues.TryGetValue("id", out var value) ? value as string : null;
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        await _posts.Writer.WriteAsync(new RecordedPost(kind, id, body.ToArray(), headers, Stopwatch.GetTimestamp()));
        if (id is not null && !_handedOut.ContainsKey(id))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("""{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}""");
            return;
        }

        context.Response.StatusCode = kind == "response" ? ResponseStatus : StatusCodes.Status202Accepted;
        await context.Response.WriteAsync(context.Response.StatusCode == StatusCodes.Status202Accepted
            ? """{"status":"OK"}"""
            : """{"errorMessage":"rejected by the test","errorType":"RequestEntityTooLarge"}""");
    }

    private static void SetIfPresent(HttpResponse response, string name, string? value)
    {
        if (value is not null)
        {
            response.Headers[name] = value;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(limit.Token);
        await _app.DisposeAsync();
        _closing.Dispose();
    }
}
