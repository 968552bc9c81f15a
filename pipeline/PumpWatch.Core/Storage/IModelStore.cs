using PumpWatch.Core.Forest;

namespace PumpWatch.Core.Storage;

/// <summary>
/// Where trained models are kept between training and scoring: each model's artifact under a content address
/// (<c>models/&lt;SHA-256 of its bytes&gt;.json</c>) and a <c>latest</c> pointer naming the current one, laid out as
/// <see cref="ModelStoreLayout"/> says. A folder on one machine, an S3 bucket and prefix in AWS.
/// </summary>
public interface IModelStore
{
    /// <summary>Where the store is, as its messages name it: a folder path, or <c>s3://bucket/prefix/</c>.</summary>
    string Location { get; }

    /// <summary>Stores the model's artifact under its content address, then points <c>latest</c> at it.</summary>
    Task<StoredModel> SaveAsync(AnomalyModel model, CancellationToken cancellationToken = default);

    /// <summary>Loads the model stored under <paramref name="contentHash"/>, the SHA-256 that <see cref="SaveAsync"/> returned.</summary>
    /// <exception cref="ModelStoreException">Not a content hash, no such model, or a damaged artifact; the message names the object.</exception>
    Task<StoredModel> LoadAsync(string contentHash, CancellationToken cancellationToken = default);

    /// <summary>Loads the model the <c>latest</c> pointer names.</summary>
    /// <exception cref="ModelStoreException">No pointer yet, a pointer to a missing model, or a damaged object; the message names it.</exception>
    Task<StoredModel> LoadLatestAsync(CancellationToken cancellationToken = default);
}
