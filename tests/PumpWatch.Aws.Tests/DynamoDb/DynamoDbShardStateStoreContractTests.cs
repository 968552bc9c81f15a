using Amazon.DynamoDBv2;
using PumpWatch.Aws.DynamoDb;
using PumpWatch.Aws.Tests.LocalServers;
using PumpWatch.Core.Storage;
using PumpWatch.Testing;

namespace PumpWatch.Aws.Tests.DynamoDb;

/// <summary>The shard-state contract against dynalite: a table per test; a second handle is a second client (its own connections).</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbShardStateStoreContractTests(DynaliteServer server) : ShardStateStoreContract, IDisposable
{
    private static int s_tables;
    private readonly List<AmazonDynamoDBClient> _clients = [];
    private readonly string _table = $"shard-state-{Interlocked.Increment(ref s_tables)}";

    protected override IShardStateStore CreateStore()
    {
        if (TestServers.SkipReasonFor("dynalite") is { } missing)
        {
            throw new InvalidOperationException(missing);
        }

        var store = Open();
        ShardStateTableSetup.CreateAsync(_clients[^1], new DynamoDbShardStateOptions(_table), TimeProvider.System, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        return store;
    }

    protected override IShardStateStore OpenAnother(IShardStateStore store) => Open();

    private DynamoDbShardStateStore Open()
    {
        var client = Clients.DynamoDb(server.Url);
        _clients.Add(client);
        return new DynamoDbShardStateStore(client, new DynamoDbShardStateOptions(_table), TimeProvider.System);
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
