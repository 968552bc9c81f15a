using PumpWatch.Cli.Store;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Storage;
using PumpWatch.Testing;

namespace PumpWatch.Cli.Tests;

/// <summary>The store contract against a real DuckDB file in a temporary folder.</summary>
public sealed class DuckDbStoreContractTests : ResultStoreContract, IDisposable
{
    // A DOUBLE column keeps the value it was given.
    private const double StoredDoubleTolerance = 1e-15;

    private readonly string _folder = Directory.CreateTempSubdirectory("pumpwatch-store-").FullName;

    protected override IResultStore CreateStore(IReadOnlyList<string> featureNames) =>
        new DuckDbStore(Path.Combine(_folder, $"{Guid.NewGuid():N}.duckdb"), featureNames);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AlertEvent_WrittenAgainAfterReopening_LeavesOneRow()
    {
        // The store deletes before inserting only alerts it knows may be stored: those in the file when it opened count.
        var path = Path.Combine(_folder, "reopened.duckdb");
        var features = new[] { "vibration.mean" };
        var opened = new Alert("3@x", AlertEventKind.Opened, "3", AlertSeverity.Warning, 1_000_000, 61_000_000, 0.62, 0.58, "if-abc", [], null);
        using (var first = new DuckDbStore(path, features))
        {
            first.OnAlert(opened);
            await first.FlushAsync();
        }

        using var second = new DuckDbStore(path, features);
        second.OnAlert(opened with { Score = 0.7 });
        await second.FlushAsync();

        var alerts = second.Alerts(StoreQuery.All);
        Assert.True(Math.Abs(Assert.Single(alerts).Score - 0.7) <= StoredDoubleTolerance, "the second write's score");
    }
}
