using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Storage;

namespace PumpWatch.Aws.S3;

/// <summary>
/// The model store in S3: a bucket and prefix laid out as <see cref="ModelStoreLayout"/> says (the same layout as the
/// local folder store, so either can be copied to the other). Artifacts are written before the pointer moves, so a
/// reader never finds a pointer to a model that is not there yet; every load is checked against its SHA-256 name.
/// </summary>
public sealed class S3ModelStore : IModelStore
{
    private const string JsonContentType = "application/json";
    private const string PointerContentType = "text/plain; charset=utf-8";

    private readonly IAmazonS3 _s3;
    private readonly string _bucket;
    private readonly string _prefix;

    /// <param name="s3">The client (<see cref="Configuration.OfficialClients.S3"/>); not owned, not disposed here.</param>
    /// <param name="options">Bucket and prefix.</param>
    public S3ModelStore(IAmazonS3 s3, S3ModelStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _s3 = s3;
        _bucket = options.Bucket;
        _prefix = options.KeyPrefix;
        Location = $"s3://{_bucket}/{_prefix}";
    }

    public string Location { get; }

    public async Task<StoredModel> SaveAsync(AnomalyModel model, CancellationToken cancellationToken = default)
    {
        var (bytes, hash) = ModelStoreLayout.Encode(model);
        var key = ModelStoreLayout.KeyFor(hash);
        await PutAsync(key, bytes, JsonContentType, cancellationToken).ConfigureAwait(false);
        await PutAsync(ModelStoreLayout.LatestKey, ModelStoreLayout.Pointer(key), PointerContentType, cancellationToken).ConfigureAwait(false);
        return new StoredModel(model, hash, key);
    }

    public Task<StoredModel> LoadAsync(string contentHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contentHash);
        if (!ModelStoreLayout.IsContentHash(contentHash))
        {
            throw ModelStoreLayout.NotAContentHash(contentHash, Location);
        }

        return LoadModelAsync(contentHash, "no model with that content hash is in the store", cancellationToken);
    }

    public async Task<StoredModel> LoadLatestAsync(CancellationToken cancellationToken = default)
    {
        var pointer = await GetAsync(ModelStoreLayout.LatestKey, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelStoreException($"{Where(ModelStoreLayout.LatestKey)}: no latest pointer: no model has been saved to this store yet");
        var hash = ModelStoreLayout.ParsePointer(pointer, out var problem)
            ?? throw new ModelStoreException($"{Where(ModelStoreLayout.LatestKey)}: {problem}");
        return await LoadModelAsync(hash, "the latest pointer names a model that is not in the store", cancellationToken).ConfigureAwait(false);
    }

    private async Task<StoredModel> LoadModelAsync(string hash, string whenMissing, CancellationToken cancellationToken)
    {
        var key = ModelStoreLayout.KeyFor(hash);
        var bytes = await GetAsync(key, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelStoreException($"{Where(key)}: {whenMissing}");
        return new StoredModel(ModelStoreLayout.Decode(bytes, hash, Where(key)), hash, key);
    }

    private string Where(string key) => $"s3://{_bucket}/{_prefix}{key}";

    private async Task PutAsync(string key, byte[] bytes, string contentType, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(bytes, writable: false);
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = _prefix + key,
            InputStream = body,
            ContentType = contentType,
            // One whole, signed body: small objects gain nothing from aws-chunked streaming, and s3rver 3.7 stores an
            // aws-chunked body as sent, chunk signatures included (seen in the s3rver contract tests).
            UseChunkEncoding = false,
        };
        try
        {
            await _s3.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            throw Failed("writing", key, e);
        }
    }

    /// <summary>The object's bytes, or null when there is no such key.</summary>
    private async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = _prefix + key }, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchKey")
        {
            return null;
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            throw Failed("reading", key, e);
        }
    }

    private ModelStoreException Failed(string doing, string key, Exception e) => e switch
    {
        AmazonS3Exception { ErrorCode: "NoSuchBucket" } =>
            new ModelStoreException($"s3://{_bucket}: no such bucket (while {doing} {Where(key)})", e),
        AmazonServiceException service =>
            new ModelStoreException($"{Where(key)}: {doing} failed: {service.ErrorCode} (HTTP {(int)service.StatusCode} {service.StatusCode}): {OneLine(service.Message)}", e),
        _ => new ModelStoreException($"{Where(key)}: {doing} failed, S3 could not be reached: {OneLine(e.Message)}", e),
    };

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
