using PumpWatch.Core.Forest;

namespace PumpWatch.Core.Storage;

/// <summary>A model as a model store holds it: the model, the SHA-256 of its artifact's bytes, and its key below the store's root.</summary>
/// <param name="Model">The model, checked against its artifact's name and model id.</param>
/// <param name="ContentHash">Lowercase hex SHA-256 of the stored bytes: the store's id for this artifact (the model's own <see cref="AnomalyModel.ModelId"/> is inside).</param>
/// <param name="Key">Its key below the store's root, <c>models/&lt;ContentHash&gt;.json</c>.</param>
public sealed record StoredModel(AnomalyModel Model, string ContentHash, string Key);
