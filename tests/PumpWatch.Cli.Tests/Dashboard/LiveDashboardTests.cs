using System.Text.Json;
using PumpWatch.Cli.Demo;

namespace PumpWatch.Cli.Tests.Dashboard;

/// <summary>The demo's own dashboard: it answers while the demo writes, shows the store growing, and stops with the demo.</summary>
public sealed class LiveDashboardTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pumpwatch-live-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task DemoDashboard_ReadsTheStoreWhileTheDemoWritesIt_AndStopsWithTheDemo()
    {
        // 2 pumps x 3 simulated hours at 1200x real time: about 9 s of wall time.
        var options = new DemoOptions(2, TimeSpan.FromHours(3), TimeSpan.FromHours(1), 1200, 2, 0.001, Path.Combine(_folder, "live.duckdb"), null, null,
            new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero)) { DashboardPort = 0 };
        using var output = new LineSignal();
        var demo = Task.Run(() => new DemoRunner(options, output, output, TimeProvider.System, interactive: false, Invocation.Default, NoAwsSinks.Environment).RunAsync(CancellationToken.None));
        var address = await output.Address.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("127.0.0.1", address.Host);
        // Generous: on a machine loaded by other jobs an answer has taken over 10 s.
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };

        // Poll while the demo runs: each answer is a consistent snapshot, and the counts only grow.
        var seen = new List<long>();
        while (!demo.IsCompleted)
        {
            try
            {
                var meta = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/meta", UriKind.Relative))).RootElement;
                Assert.True(meta.GetProperty("live").GetBoolean());
                seen.Add(meta.GetProperty("readings").GetInt64());
                var panel = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/panels/sensor_readings?range=15m", UriKind.Relative))).RootElement;
                Assert.Equal(JsonValueKind.Array, panel.GetProperty("queries").GetProperty("A").GetProperty("rows").ValueKind);
            }
            catch (HttpRequestException)
            {
                // The demo is ending: it stops its dashboard just before it returns.
                Assert.True(await Task.WhenAny(demo, Task.Delay(TimeSpan.FromSeconds(30))) == demo, "the dashboard stopped answering while the demo ran");
                break;
            }

            await Task.Delay(200);
        }

        Assert.Equal(0, await demo);
        Assert.Equal(seen.Order(), seen);
        Assert.True(seen.Distinct().Count(c => c > 0) >= 2, $"the page did not see the store grow: {string.Join(", ", seen.Distinct())} readings");
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(new Uri("api/meta", UriKind.Relative)));
        Assert.Contains("The dashboard stops with the demo; to look again: pumpwatch dashboard --db", output.ToString(), StringComparison.Ordinal);
    }
}
