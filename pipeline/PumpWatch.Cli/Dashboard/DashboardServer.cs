using System.Net;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PumpWatch.Cli.Dashboard;

/// <summary>
/// The local dashboard: the page and the JSON API it draws from, served on 127.0.0.1 only (ASP.NET Core minimal APIs on
/// Kestrel). <c>GET /api/meta</c> tells what the store holds and lists the panels; <c>GET /api/panels/{id}?range=&amp;pump=&amp;sensor=</c>
/// answers one panel's rows. Configuration comes only from the arguments: no appsettings file or ASPNETCORE_ variable
/// changes where it listens.
/// </summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DashboardStore _store;

    private DashboardServer(WebApplication app, DashboardStore store, Uri address)
    {
        _app = app;
        _store = store;
        Address = address;
    }

    /// <summary>Where the page is, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Starts serving <paramref name="store"/> (which the server then owns) on 127.0.0.1:<paramref name="port"/>; 0 picks a free port.</summary>
    public static async Task<DashboardServer> StartAsync(DashboardStore store, int port, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory, EnvironmentName = Environments.Production });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, CommandLineHostLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        Map(app, store);
        try
        {
            await app.StartAsync(cancel).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            store.Dispose();
            throw new UserError($"--port {port}: cannot listen on 127.0.0.1:{port} ({e.Message.TrimEnd('.')})");
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DashboardServer(app, store, new Uri(bound.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _store.Dispose();
        }
    }

    private static void Map(WebApplication app, DashboardStore store)
    {
        // Only the loopback names: a page elsewhere that rebinds its own host name to 127.0.0.1 gets nothing.
        app.Use(async (context, next) =>
        {
            if (context.Request.Host.Host is not ("127.0.0.1" or "localhost"))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        app.MapGet("/", () => Asset("dashboard.html"));
        app.MapGet("/assets/{*name}", (string name) => Asset(name));
        app.MapGet("/api/meta", () => Api(() => Json(store.Meta(store.Span(withPumps: true)))));
        app.MapGet("/api/panels/{id}", (string id, HttpRequest request) => Api(() => Panel(store, id, request)));
    }

    private static IResult Panel(DashboardStore store, string id, HttpRequest request)
    {
        if (DashboardPanels.Find(id) is not { } panel)
        {
            return Error(StatusCodes.Status404NotFound, $"no panel '{id}' (panels: {string.Join(", ", DashboardPanels.All.Select(p => p.Id))})");
        }

        var rangeName = request.Query["range"].ToString();
        if (DashboardRange.Parse(rangeName) is not { } range)
        {
            return Error(StatusCodes.Status400BadRequest, $"range '{rangeName}' is not one of {string.Join(", ", DashboardRange.Choices.Select(r => r.Name))}");
        }

        var sensor = request.Query["sensor"].ToString() is { Length: > 0 } s ? s : DashboardPanels.Sensors[0].Name;
        if (DashboardPanels.FindSensor(sensor) is null)
        {
            return Error(StatusCodes.Status400BadRequest, $"sensor '{sensor}' is not one of {string.Join(", ", DashboardPanels.Sensors.Select(x => x.Name))}");
        }

        var span = store.Span(withPumps: false);
        var asked = request.Query["pump"];
        IReadOnlyList<string>? pumps = asked.Count > 0 ? asked.Where(p => p is not null).Select(p => p!).ToList() : null;
        return Json(store.Panel(panel, range.Resolve(span, pumps?.Count ?? (int)span.PumpCount, pumps, sensor)));
    }

    private static IResult Api(Func<IResult> answer)
    {
        try
        {
            return answer();
        }
        catch (DuckDBException e)
        {
            return Error(StatusCodes.Status500InternalServerError, $"DuckDB: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static IResult Json(byte[] body) => new NoStore(Results.Bytes(body, "application/json"));

    private static IResult Error(int status, string message)
    {
        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("error", message);
            json.WriteEndObject();
        }

        return new NoStore(Results.Text(System.Text.Encoding.UTF8.GetString(buffer.ToArray()), "application/json", System.Text.Encoding.UTF8, status));
    }

    private static IResult Asset(string name) =>
        WebAssetFiles.Read(name) is { } bytes ? Results.Bytes(bytes, WebAssetFiles.ContentType(name)) : Results.NotFound();

    /// <summary>An API answer is the store's state now: never cached, or the page's refresh would show old numbers.</summary>
    private sealed class NoStore(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.CacheControl = "no-store";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
