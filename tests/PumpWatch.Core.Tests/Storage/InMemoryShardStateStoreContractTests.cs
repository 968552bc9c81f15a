using PumpWatch.Core.Storage;
using PumpWatch.Testing;

namespace PumpWatch.Core.Tests.Storage;

/// <summary>The shard-state contract against the in-memory store; a second worker shares the same instance.</summary>
public sealed class InMemoryShardStateStoreContractTests : ShardStateStoreContract
{
    protected override IShardStateStore CreateStore() => new InMemoryShardStateStore();

    protected override IShardStateStore OpenAnother(IShardStateStore store) => store;
}
