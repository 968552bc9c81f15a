using PumpWatch.Cli.Demo;

namespace PumpWatch.Cli.Tests.Dashboard;

/// <summary>
/// One finished demo run's store, made once for the dashboard tests: 3 pumps, 6 simulated hours at 1 Hz, seed 1
/// (healthy 2 h warm-up, then a seal leak on pump 2, motor overheating on pump 1 and a vibration sensor drift on pump 3),
/// with quarantined malformed messages and alerts.
/// </summary>
public sealed class DemoStore : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pumpwatch-dashboard-").FullName;

    public string Path => System.IO.Path.Combine(_folder, "demo.duckdb");

    public async Task InitializeAsync()
    {
        var options = new DemoOptions(3, TimeSpan.FromHours(6), TimeSpan.FromHours(2), 0, 1, 0.001, Path, null, null,
            new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var code = await new DemoRunner(options, TextWriter.Null, TextWriter.Null, TimeProvider.System, interactive: false, Invocation.Default, NoAwsSinks.Environment).RunAsync(CancellationToken.None);
        Assert.Equal(0, code);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
