using System.Net;
using System.Net.Sockets;
using Amazon.S3;
using Amazon.S3.Model;
using PumpWatch.Aws.S3;
using PumpWatch.Core.Storage;
using PumpWatch.Testing;

namespace PumpWatch.Aws.Tests.S3;

/// <summary>The S3 model store against s3rver beyond the contract: where the objects land, a missing bucket, an unreachable endpoint.</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3ModelStoreTests(S3rverServer server) : IDisposable
{
    private readonly AmazonS3Client _s3 = Clients.S3(server.Url);

    public void Dispose() => _s3.Dispose();

    private async Task<string[]> KeysAsync(string bucket) =>
        [.. (await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects.Select(o => o.Key).Order(StringComparer.Ordinal)];

    [S3rverFact]
    public async Task Objects_land_below_the_prefix_in_the_shared_layout_and_nothing_else_is_written()
    {
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = "layout" });
        var saved = await new S3ModelStore(_s3, new S3ModelStoreOptions("layout", "plant-7/models-v1/")).SaveAsync(TestModels.Train(seed: 21));

        Assert.Equal(["plant-7/models-v1/latest", $"plant-7/models-v1/models/{saved.ContentHash}.json"], await KeysAsync("layout"));
    }

    [S3rverFact]
    public async Task An_empty_prefix_keeps_the_layout_at_the_bucket_root()
    {
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = "root-layout" });
        var store = new S3ModelStore(_s3, new S3ModelStoreOptions("root-layout"));
        var saved = await store.SaveAsync(TestModels.Train(seed: 22));

        Assert.Equal("s3://root-layout/", store.Location);
        Assert.Equal(["latest", $"models/{saved.ContentHash}.json"], await KeysAsync("root-layout"));
        Assert.Equal(saved.Model.ModelId, (await store.LoadLatestAsync()).Model.ModelId);
    }

    [S3rverFact]
    public async Task A_missing_bucket_is_one_line_naming_the_bucket()
    {
        var store = new S3ModelStore(_s3, new S3ModelStoreOptions("no-such-bucket", "p"));

        var load = await Assert.ThrowsAsync<ModelStoreException>(() => store.LoadLatestAsync());
        var save = await Assert.ThrowsAsync<ModelStoreException>(() => store.SaveAsync(TestModels.Train(seed: 23)));

        Assert.Equal("s3://no-such-bucket: no such bucket (while reading s3://no-such-bucket/p/latest)", load.Message);
        Assert.StartsWith("s3://no-such-bucket: no such bucket (while writing s3://no-such-bucket/p/models/", save.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_one_line_naming_the_object()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closed = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        listener.Stop(); // nothing listens there now: connections are refused at once
        using var s3 = Clients.S3(closed, maxAttempts: 1);

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => new S3ModelStore(s3, new S3ModelStoreOptions("models")).LoadLatestAsync());

        Assert.StartsWith("s3://models/latest: reading failed, S3 could not be reached: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
