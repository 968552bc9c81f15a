using PumpWatch.Core.Forest;
using PumpWatch.Core.Storage;

namespace PumpWatch.Cli.Store;

/// <summary>
/// The model store in a local folder, laid out as the S3 store is (<see cref="ModelStoreLayout"/>), so the folder can be
/// synced to a bucket as it is. Each file is written under a temporary name and renamed into place, the artifact before
/// the pointer, so a reader never sees half a file or a pointer to a model that is not there yet.
/// </summary>
internal sealed class FolderModelStore : IModelStore
{
    // Distinguishes the temporary files of concurrent saves in this process; the process id those of other processes.
    private static long s_temporaryFiles;

    private readonly string _root;

    /// <param name="folder">The store's root; created on the first save.</param>
    public FolderModelStore(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        _root = Path.GetFullPath(folder);
        Location = Path.EndsInDirectorySeparator(_root) ? _root : _root + Path.DirectorySeparatorChar;
    }

    public string Location { get; }

    public Task<StoredModel> SaveAsync(AnomalyModel model, CancellationToken cancellationToken = default)
    {
        var (bytes, hash) = ModelStoreLayout.Encode(model);
        var key = ModelStoreLayout.KeyFor(hash);
        WriteAtomically(key, bytes);
        WriteAtomically(ModelStoreLayout.LatestKey, ModelStoreLayout.Pointer(key));
        return Task.FromResult(new StoredModel(model, hash, key));
    }

    public Task<StoredModel> LoadAsync(string contentHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contentHash);
        if (!ModelStoreLayout.IsContentHash(contentHash))
        {
            throw ModelStoreLayout.NotAContentHash(contentHash, Location);
        }

        return Task.FromResult(LoadModel(contentHash, "no model with that content hash is in the store"));
    }

    public Task<StoredModel> LoadLatestAsync(CancellationToken cancellationToken = default)
    {
        var pointer = Read(ModelStoreLayout.LatestKey)
            ?? throw new ModelStoreException($"{PathOf(ModelStoreLayout.LatestKey)}: no latest pointer: no model has been saved to this store yet");
        var hash = ModelStoreLayout.ParsePointer(pointer, out var problem)
            ?? throw new ModelStoreException($"{PathOf(ModelStoreLayout.LatestKey)}: {problem}");
        return Task.FromResult(LoadModel(hash, "the latest pointer names a model that is not in the store"));
    }

    private StoredModel LoadModel(string hash, string whenMissing)
    {
        var key = ModelStoreLayout.KeyFor(hash);
        var bytes = Read(key) ?? throw new ModelStoreException($"{PathOf(key)}: {whenMissing}");
        return new StoredModel(ModelStoreLayout.Decode(bytes, hash, PathOf(key)), hash, key);
    }

    private string PathOf(string key) => Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The file's bytes, or null when it (or the store's folder) does not exist.</summary>
    private byte[]? Read(string key)
    {
        var path = PathOf(key);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelStoreException($"{path}: reading failed: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }

    private void WriteAtomically(string key, byte[] bytes)
    {
        var path = PathOf(key);
        var temporary = $"{path}.{Environment.ProcessId}-{Interlocked.Increment(ref s_temporaryFiles)}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(bytes);
                // On disk before the rename: after a crash the name holds the old content or the new, never an empty file.
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            throw new ModelStoreException($"{path}: writing failed: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }
}
