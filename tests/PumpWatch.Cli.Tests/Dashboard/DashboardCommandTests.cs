using System.Net;
using System.Text.Json;
namespace PumpWatch.Cli.Tests.Dashboard;

/// <summary><c>pumpwatch dashboard</c> as a user runs it: over a demo's store, until Ctrl+C; and its mistakes in one line.</summary>
[Collection(DemoStoreCollection.Name)]
public sealed class DashboardCommandTests(DemoStore demo) : IDisposable
{
    private readonly CliProcess _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Dashboard_ServesTheStoreOnAFreeLoopbackPort_UntilCtrlC()
    {
        using var server = _cli.StartBounded(TimeSpan.FromSeconds(300), "dashboard", "--db", demo.Path, "--port", "0");
        try
        {
            var line = await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var address = line is null ? null : LineSignal.Find(line);
            if (address is null)
            {
                server.Kill(entireProcessTree: true);
                Assert.Fail($"no address in: {line} {await server.StandardError.ReadToEndAsync()}");
            }

            Assert.Contains(demo.Path, line, StringComparison.Ordinal);
            using var http = new HttpClient { BaseAddress = address };
            var meta = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/meta", UriKind.Relative))).RootElement;
            Assert.Equal(3, meta.GetProperty("pumps").GetArrayLength());
            Assert.True(meta.GetProperty("readings").GetInt64() > 60_000);
            CliProcess.Interrupt(server);
            Assert.True(server.WaitForExit(15_000), "the dashboard did not stop on Ctrl+C");
            Assert.Equal(0, server.ExitCode);
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(new Uri("api/meta", UriKind.Relative)));
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public void Dashboard_MissingStore_BadPort_NotAStore_AreOneLine()
    {
        AssertOneLine(_cli.Run("dashboard", "--db", "nope.duckdb"), "nope.duckdb: no such store");
        AssertOneLine(_cli.Run("dashboard", "--db", demo.Path, "--port", "70000"), "--port 70000 must be 0..65535");
        File.WriteAllText(_cli.PathOf("text.duckdb"), "not a database");
        AssertOneLine(_cli.Run("dashboard", "--db", "text.duckdb"), "text.duckdb: not a DuckDB store");
        AssertOneLine(_cli.Run("demo", "--port", "-1", "--db", "d.duckdb"), "--port -1 must be 0..65535");
    }

    [Fact]
    public void Dashboard_PortInUse_IsOneLine()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        AssertOneLine(_cli.Run("dashboard", "--db", demo.Path, "--port", port), $"--port {port}: cannot listen on 127.0.0.1:{port}");
    }

    [Fact]
    public void Demo_NoDashboard_PrintsNoAddress_AndTheDefaultPrintsOne()
    {
        var quiet = _cli.Run("demo", "--pumps", "1", "--duration", "00:30:00", "--warmup", "00:10:00", "--speed", "0", "--db", "quiet.duckdb", "--no-dashboard");
        Assert.True(quiet.Code == 0, quiet.Err);
        Assert.DoesNotContain("Dashboard", quiet.Out, StringComparison.Ordinal);
        var served = _cli.Run("demo", "--pumps", "1", "--duration", "00:30:00", "--warmup", "00:10:00", "--speed", "0", "--db", "served.duckdb");
        Assert.True(served.Code == 0, served.Err);
        Assert.Matches(@"Dashboard: http://127\.0\.0\.1:\d+/", served.Out);
        Assert.Contains("to look again: ", served.Out, StringComparison.Ordinal);
    }

    private static void AssertOneLine((int Code, string Out, string Err) result, string expected)
    {
        Assert.Equal(2, result.Code);
        var error = result.Err.TrimEnd();
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
