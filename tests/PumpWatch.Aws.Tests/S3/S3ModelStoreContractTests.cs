using Amazon.S3;
using Amazon.S3.Model;
using PumpWatch.Aws.S3;
using PumpWatch.Aws.Tests.LocalServers;
using PumpWatch.Core.Storage;
using PumpWatch.Testing;

namespace PumpWatch.Aws.Tests.S3;

/// <summary>The model store contract against s3rver: a bucket per test, keys below a prefix given without its trailing slash.</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3ModelStoreContractTests(S3rverServer server) : ModelStoreContract, IDisposable
{
    private const string Prefix = "site-a/pumpwatch";
    private static int s_buckets;
    private readonly AmazonS3Client _s3 = Clients.S3(server.Url);
    private readonly string _bucket = $"contract-{Interlocked.Increment(ref s_buckets)}";

    protected override IModelStore CreateStore()
    {
        if (TestServers.SkipReasonFor("s3rver") is { } missing)
        {
            throw new InvalidOperationException(missing);
        }

        _s3.PutBucketAsync(new PutBucketRequest { BucketName = _bucket }).GetAwaiter().GetResult();
        return new S3ModelStore(_s3, new S3ModelStoreOptions(_bucket, Prefix));
    }

    protected override async Task WriteRawAsync(IModelStore store, string key, byte[]? bytes)
    {
        if (bytes is null)
        {
            await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = $"{Prefix}/{key}" });
            return;
        }

        using var body = new MemoryStream(bytes);
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = $"{Prefix}/{key}", InputStream = body, UseChunkEncoding = false });
    }

    protected override async Task<byte[]?> ReadRawAsync(IModelStore store, string key)
    {
        try
        {
            using var response = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = $"{Prefix}/{key}" });
            using var bytes = new MemoryStream();
            await response.ResponseStream.CopyToAsync(bytes);
            return bytes.ToArray();
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchKey")
        {
            return null;
        }
    }

    protected override string Where(IModelStore store, string key) => $"s3://{_bucket}/{Prefix}/{key}";

    public void Dispose() => _s3.Dispose();
}
