using System.Security.Cryptography;
using System.Text;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Storage;

namespace PumpWatch.Testing;

/// <summary>
/// What every <see cref="IModelStore"/> must do (a folder, S3): derive, give a fresh empty store and raw access to its
/// objects, and the tests run against the real store. Expected keys come from hashing the stored bytes here with
/// SHA-256; expected models are the ones saved, scored on the same rows.
/// </summary>
public abstract class ModelStoreContract
{
    // A model artifact round-trips doubles exactly (shortest round-trip text), so a loaded model scores bit for bit alike.
    private const double ExactRoundTrip = 0;

    /// <summary>A new, empty store.</summary>
    protected abstract IModelStore CreateStore();

    /// <summary>The object at <paramref name="key"/> below the store's root, written behind the store's back; null bytes delete it.</summary>
    protected abstract Task WriteRawAsync(IModelStore store, string key, byte[]? bytes);

    /// <summary>The object at <paramref name="key"/> below the store's root as stored, or null when absent.</summary>
    protected abstract Task<byte[]?> ReadRawAsync(IModelStore store, string key);

    /// <summary>How the store's messages name the object at <paramref name="key"/> (a path, or s3://bucket/prefix/key).</summary>
    protected abstract string Where(IModelStore store, string key);

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static void AssertScoresAlike(AnomalyModel expected, AnomalyModel actual)
    {
        var rows = TestModels.ProbeRows();
        var want = new double[rows.Length / TestModels.Features.Length];
        var got = new double[want.Length];
        expected.Score(rows, want);
        actual.Score(rows, got);
        for (var i = 0; i < want.Length; i++)
        {
            Assert.Equal(want[i], got[i], ExactRoundTrip);
        }
    }

    private static void AssertOneLine(ModelStoreException error, params string[] parts)
    {
        Assert.DoesNotContain('\n', error.Message);
        foreach (var part in parts)
        {
            Assert.Contains(part, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Save_stores_the_artifact_under_the_SHA256_of_its_bytes_and_points_latest_at_it()
    {
        var store = CreateStore();
        var model = TestModels.Train(seed: 1);

        var saved = await store.SaveAsync(model);

        var bytes = await ReadRawAsync(store, saved.Key);
        Assert.NotNull(bytes);
        Assert.Equal(Encoding.UTF8.GetBytes(ModelArtifact.ToJson(model)), bytes);
        Assert.Equal(Sha256(bytes), saved.ContentHash);
        Assert.Equal($"models/{Sha256(bytes)}.json", saved.Key);
        Assert.Equal($"models/{saved.ContentHash}.json\n", Encoding.UTF8.GetString((await ReadRawAsync(store, "latest"))!));
    }

    [Fact]
    public async Task LoadLatest_returns_the_saved_model_which_scores_exactly_as_the_original()
    {
        var store = CreateStore();
        var model = TestModels.Train(seed: 2);
        var saved = await store.SaveAsync(model);

        var loaded = await store.LoadLatestAsync();

        Assert.Equal(model.ModelId, loaded.Model.ModelId);
        Assert.Equal(model.Features, loaded.Model.Features);
        Assert.Equal(model.Created, loaded.Model.Created);
        Assert.Equal((saved.ContentHash, saved.Key), (loaded.ContentHash, loaded.Key));
        AssertScoresAlike(model, loaded.Model);
    }

    [Fact]
    public async Task A_second_save_moves_latest_and_the_first_model_stays_loadable_by_its_hash()
    {
        var store = CreateStore();
        var first = await store.SaveAsync(TestModels.Train(seed: 3));
        var second = await store.SaveAsync(TestModels.Train(seed: 4));

        Assert.NotEqual(first.ContentHash, second.ContentHash);
        Assert.Equal(second.Model.ModelId, (await store.LoadLatestAsync()).Model.ModelId);
        var again = await store.LoadAsync(first.ContentHash);
        Assert.Equal(first.Model.ModelId, again.Model.ModelId);
        AssertScoresAlike(first.Model, again.Model);
    }

    [Fact]
    public async Task Saving_the_same_model_twice_gives_the_same_key()
    {
        var store = CreateStore();
        var model = TestModels.Train(seed: 5);

        var once = await store.SaveAsync(model);
        var twice = await store.SaveAsync((await store.LoadAsync(once.ContentHash)).Model);

        Assert.Equal(once.Key, twice.Key);
    }

    [Fact]
    public async Task LoadLatest_on_an_empty_store_says_no_model_was_saved_naming_the_pointer()
    {
        var store = CreateStore();

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => store.LoadLatestAsync());

        AssertOneLine(error, Where(store, "latest"), "no model has been saved");
    }

    [Fact]
    public async Task A_pointer_to_a_missing_model_names_the_missing_key()
    {
        var store = CreateStore();
        var missing = $"models/{new string('0', 64)}.json";
        await WriteRawAsync(store, "latest", Encoding.UTF8.GetBytes(missing + "\n"));

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => store.LoadLatestAsync());

        AssertOneLine(error, Where(store, missing), "not in the store");
    }

    [Fact]
    public async Task A_pointer_that_names_no_model_key_is_refused_with_its_content()
    {
        var store = CreateStore();
        await WriteRawAsync(store, "latest", "models/../secrets.json\n"u8.ToArray());

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => store.LoadLatestAsync());

        AssertOneLine(error, Where(store, "latest"), "'models/../secrets.json'");
    }

    [Fact]
    public async Task A_changed_artifact_is_refused_as_damaged_naming_its_key()
    {
        var store = CreateStore();
        var saved = await store.SaveAsync(TestModels.Train(seed: 6));
        var bytes = (await ReadRawAsync(store, saved.Key))!;
        bytes[bytes.Length / 2] ^= 0x01;
        await WriteRawAsync(store, saved.Key, bytes);

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => store.LoadLatestAsync());

        AssertOneLine(error, Where(store, saved.Key), "changed or damaged");
    }

    [Fact]
    public async Task An_object_that_matches_its_name_but_is_no_model_is_refused_with_the_artifact_reader_reason()
    {
        var store = CreateStore();
        var bytes = """{"schema":"pumpwatch.model/0"}"""u8.ToArray();
        var hash = Sha256(bytes);
        await WriteRawAsync(store, $"models/{hash}.json", bytes);

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => store.LoadAsync(hash));

        AssertOneLine(error, Where(store, $"models/{hash}.json"), "schema 'pumpwatch.model/0' is not supported");
    }

    [Fact]
    public async Task Loading_an_unknown_hash_names_its_key()
    {
        var store = CreateStore();
        await store.SaveAsync(TestModels.Train(seed: 7));
        var unknown = new string('a', 64);

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => store.LoadAsync(unknown));

        AssertOneLine(error, Where(store, $"models/{unknown}.json"), "no model with that content hash");
    }

    [Fact]
    public async Task Loading_by_model_id_says_the_store_names_models_by_content_hash()
    {
        var store = CreateStore();
        var saved = await store.SaveAsync(TestModels.Train(seed: 8));

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => store.LoadAsync(saved.Model.ModelId));

        AssertOneLine(error, store.Location, $"'{saved.Model.ModelId}' is a model id");
    }
}
