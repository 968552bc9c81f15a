using PumpWatch.Cli.Store;
using PumpWatch.Core.Storage;
using PumpWatch.Testing;

namespace PumpWatch.Cli.Tests;

/// <summary>The model store contract against a folder in a temporary directory.</summary>
public sealed class FolderModelStoreContractTests : ModelStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pumpwatch-models-").FullName;

    protected override IModelStore CreateStore() => new FolderModelStore(Path.Combine(_folder, "store"));

    protected override Task WriteRawAsync(IModelStore store, string key, byte[]? bytes)
    {
        var path = Where(store, key);
        if (bytes is null)
        {
            File.Delete(path);
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }

        return Task.CompletedTask;
    }

    protected override Task<byte[]?> ReadRawAsync(IModelStore store, string key)
    {
        var path = Where(store, key);
        return Task.FromResult(File.Exists(path) ? File.ReadAllBytes(path) : null);
    }

    protected override string Where(IModelStore store, string key) => Path.Combine(_folder, "store", key);

    [Fact]
    public async Task Saving_leaves_no_temporary_files_behind()
    {
        var store = CreateStore();
        await store.SaveAsync(TestModels.Train(seed: 11));
        await store.SaveAsync(TestModels.Train(seed: 12));

        var files = Directory.GetFiles(Path.Combine(_folder, "store"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(_folder, "store"), f)).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(3, files.Length);
        Assert.Equal("latest", files[0]); // ordinal: "latest" sorts before "models/"
        Assert.All(files[1..], f => Assert.Matches("^models/[0-9a-f]{64}\\.json$", f));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
