using PumpWatch.Core.Storage;
using PumpWatch.Testing;

namespace PumpWatch.Core.Tests.Storage;

/// <summary>The store contract against the in-memory store.</summary>
public sealed class InMemoryResultStoreContractTests : ResultStoreContract
{
    protected override IResultStore CreateStore(IReadOnlyList<string> featureNames) => new InMemoryResultStore(featureNames);
}
