using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using PumpWatch.Aws.DynamoDb;
using PumpWatch.Aws.Tests.LocalServers;
using PumpWatch.Core.Alerts;
using PumpWatch.Testing;

namespace PumpWatch.Aws.Tests.DynamoDb;

/// <summary>The alert-state contract against dynalite: a table per test; a second handle is a second client (its own connections).</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbAlertStateStoreContractTests(DynaliteServer server) : AlertStateStoreContract, IDisposable
{
    private static int s_tables;
    private readonly List<AmazonDynamoDBClient> _clients = [];
    private readonly string _table = $"alert-state-{Interlocked.Increment(ref s_tables)}";

    protected override IAlertStateStore CreateStore()
    {
        if (TestServers.SkipReasonFor("dynalite") is { } missing)
        {
            throw new InvalidOperationException(missing);
        }

        var store = Open();
        AlertStateTableSetup.CreateAsync(_clients[^1], new DynamoDbAlertStateOptions(_table), TimeProvider.System, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        return store;
    }

    protected override IAlertStateStore OpenAnother(IAlertStateStore store) => Open();

    protected override Task WriteRawAsync(IAlertStateStore store, string pumpId, string stateText, long appliedThrough) =>
        _clients[0].PutItemAsync(new PutItemRequest
        {
            TableName = _table,
            Item = new Dictionary<string, AttributeValue>
            {
                ["pump_id"] = new() { S = pumpId },
                ["state"] = new() { S = stateText },
                ["applied_through"] = new() { N = appliedThrough.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            },
        });

    private DynamoDbAlertStateStore Open()
    {
        var client = Clients.DynamoDb(server.Url);
        _clients.Add(client);
        return new DynamoDbAlertStateStore(client, new DynamoDbAlertStateOptions(_table), Clients.Retry(Clients.Options(server.Url)), TimeProvider.System);
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
