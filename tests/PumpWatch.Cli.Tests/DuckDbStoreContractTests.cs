using PumpWatch.Cli.Store;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Storage;
using PumpWatch.Testing;

namespace PumpWatch.Cli.Tests;

/// <summary>The store contract against a real DuckDB file in a temporary folder.</summary>
public sealed class DuckDbStoreContractTests : ResultStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pumpwatch-store-").FullName;

    protected override IResultStore CreateStore(IReadOnlyList<string> featureNames) =>
        new DuckDbStore(Path.Combine(_folder, $"{Guid.NewGuid():N}.duckdb"), featureNames);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
