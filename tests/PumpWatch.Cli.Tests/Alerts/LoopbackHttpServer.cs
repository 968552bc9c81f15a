using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PumpWatch.Cli.Tests.Alerts;

/// <summary>
/// Kestrel on 127.0.0.1 and a port the system picks, answering every request from a script (given the request's
/// 0-based number and body) and keeping what it received. Stopped when the test disposes it.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackHttpServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<LoopbackRequest> Requests { get; } = new();

    /// <param name="answer">Status, content type and body for the n-th request; it may wait first (to make the client time out).</param>
    public static async Task<LoopbackHttpServer> StartAsync(Func<int, string, Task<(int Status, string ContentType, string Body)>> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        LoopbackHttpServer? server = null;
        var count = 0;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var n = Interlocked.Increment(ref count) - 1;
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            server!.Requests.Enqueue(new LoopbackRequest(context.Request.Method, context.Request.Path, headers, body));
            var (status, contentType, text) = await answer(n, body);
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(text, context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new LoopbackHttpServer(app, new Uri(address + "/"));
        return server;
    }

    /// <summary>Answers the n-th request with <paramref name="statuses"/>[n] (the last repeating) and an empty text body.</summary>
    public static Task<LoopbackHttpServer> StartAsync(params int[] statuses) =>
        StartAsync((n, _) => Task.FromResult((statuses[Math.Min(n, statuses.Length - 1)], "text/plain", "")));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
