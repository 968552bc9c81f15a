using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using PumpWatch.Aws.DynamoDb;
using PumpWatch.Aws.Tests.Fakes;
using PumpWatch.Core.Storage;

namespace PumpWatch.Aws.Tests.DynamoDb;

/// <summary>The DynamoDB shard-state store and table setup against dynalite: the table's schema, the stored item, the item size limit, damaged items, a missing table.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbShardStateStoreTests(DynaliteServer server) : IDisposable
{
    // 2026-05-01T12:00:00Z in epoch microseconds (1777636800 s, from Python's datetime).
    private const long NowMicros = 1_777_636_800_000_000;
    private const long WindowEnd = 1_777_636_800_000_000;
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly AmazonDynamoDBClient _dynamo = Clients.DynamoDb(server.Url);

    public void Dispose() => _dynamo.Dispose();

    private Task<bool> CreateTableAsync(string table) =>
        ShardStateTableSetup.CreateAsync(_dynamo, new DynamoDbShardStateOptions(table), TimeProvider.System, TimeSpan.FromSeconds(10));

    private DynamoDbShardStateStore Store(string table) => new(_dynamo, new DynamoDbShardStateOptions(table), new ManualClock(Now));

    private async Task<Dictionary<string, AttributeValue>> RawItemAsync(string table, string shard) =>
        (await _dynamo.GetItemAsync(new GetItemRequest { TableName = table, Key = new() { ["shard_key"] = new() { S = shard } }, ConsistentRead = true })).Item;

    private static ShardState OnePump(int stateBytes) =>
        new(new Dictionary<string, string> { ["p-1"] = new string('s', stateBytes) }, WindowEnd, null);

    [DynaliteFact]
    public async Task Setup_creates_shard_key_String_as_the_only_key_on_demand_and_a_second_call_finds_it()
    {
        Assert.True(await CreateTableAsync("shard-setup-schema"));

        var table = (await _dynamo.DescribeTableAsync("shard-setup-schema")).Table;
        Assert.Equal(TableStatus.ACTIVE, table.TableStatus);
        Assert.Equal([("shard_key", "HASH")], table.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)));
        Assert.Equal([("shard_key", "S")], table.AttributeDefinitions.Select(a => (a.AttributeName, a.AttributeType.Value)));
        Assert.Equal("PAY_PER_REQUEST", table.BillingModeSummary.BillingMode.Value);
        Assert.False(await CreateTableAsync("shard-setup-schema"));
    }

    [DynaliteFact]
    public async Task Setup_on_the_alert_state_table_is_refused_naming_its_key()
    {
        await AlertStateTableSetup.CreateAsync(_dynamo, new DynamoDbAlertStateOptions("shard-setup-wrong-table"), TimeProvider.System, TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<ShardStateStoreException>(() => CreateTableAsync("shard-setup-wrong-table"));

        Assert.Equal("dynamodb table 'shard-setup-wrong-table': exists with key [pump_id HASH (S)]; the shard state needs shard_key HASH (S) as its only key", error.Message);
    }

    [DynaliteFact]
    public async Task A_won_save_stores_the_schema_attributes_with_the_writer_clock_as_updated_at()
    {
        await CreateTableAsync("shard-item-shape");
        var state = new ShardState(new Dictionary<string, string> { ["7"] = "v1;a+b/c", ["8"] = "v1;=" }, WindowEnd, "49590338271490256608559692538361571095921575989136588898");

        Assert.True(await Store("shard-item-shape").TrySaveAsync("stream/shardId-000000000001", state));

        var item = await RawItemAsync("shard-item-shape", "stream/shardId-000000000001");
        Assert.Equal(["last_sequence", "pumps", "shard_key", "through", "updated_at"], item.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("stream/shardId-000000000001", item["shard_key"].S);
        Assert.Equal([("7", "v1;a+b/c"), ("8", "v1;=")], item["pumps"].M.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.S)));
        Assert.Equal("1777636800000000", item["through"].N);
        Assert.Equal("49590338271490256608559692538361571095921575989136588898", item["last_sequence"].S);
        Assert.Equal(NowMicros.ToString(System.Globalization.CultureInfo.InvariantCulture), item["updated_at"].N);
    }

    [DynaliteFact]
    public async Task A_state_without_a_sequence_number_stores_no_last_sequence_attribute()
    {
        await CreateTableAsync("shard-no-sequence");

        Assert.True(await Store("shard-no-sequence").TrySaveAsync("s-1", OnePump(10)));

        Assert.Equal(["pumps", "shard_key", "through", "updated_at"], (await RawItemAsync("shard-no-sequence", "s-1")).Keys.Order(StringComparer.Ordinal));
    }

    [DynaliteFact]
    public async Task A_state_of_exactly_400_KB_is_saved_and_one_byte_more_is_refused_naming_the_shard_and_its_size()
    {
        await CreateTableAsync("shard-size-limit");
        var store = Store("shard-size-limit");
        // By hand (Developer Guide, "DynamoDB item sizes and formats"): shard_key 9 + "shard-limit" 11 = 20; pumps 5 + map 3
        // + element 1 + "p-1" 3 + state L; through 7 + 1777636800000000 (4 digit pairs + 1) 5 = 12; updated_at 10 + 5 = 15.
        // Total 59 + L, and the limit is 400 * 1024 = 409,600 bytes, so L = 409,541 is exactly at it.
        const int AtLimit = 409_600 - 59;

        Assert.True(await store.TrySaveAsync("shard-limit", OnePump(AtLimit)));
        var error = await Assert.ThrowsAsync<ShardStateStoreException>(() => store.TrySaveAsync("shard-limit", OnePump(AtLimit + 1)));

        Assert.Equal(
            "dynamodb table 'shard-size-limit': the state of shard 'shard-limit' (1 pump) is 409,601 bytes as an item, over DynamoDB's 409,600-byte (400 KB) item limit",
            error.Message);
        Assert.Equal(AtLimit, (await store.LoadAsync("shard-limit"))!.Pumps["p-1"].Length);
        // The same item one byte over, put directly, is refused by dynalite too: the limit is the service's, not a guess.
        var refused = await Assert.ThrowsAsync<AmazonDynamoDBException>(() => _dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = "shard-size-limit",
            Item = new()
            {
                ["shard_key"] = new() { S = "shard-limit" },
                ["pumps"] = new() { M = new() { ["p-1"] = new() { S = new string('s', AtLimit + 1) } } },
                ["through"] = new() { N = "1777636800000000" },
                ["updated_at"] = new() { N = "1777636800000000" },
            },
        }));
        Assert.Contains("Item size has exceeded the maximum allowed size", refused.Message, StringComparison.Ordinal);
    }

    [DynaliteFact]
    public async Task A_damaged_item_is_one_line_naming_the_shard_and_what_is_wrong()
    {
        await CreateTableAsync("shard-damaged");
        await _dynamo.PutItemAsync("shard-damaged", new() { ["shard_key"] = new() { S = "s-1" }, ["pumps"] = new() { M = [] }, ["through"] = new() { S = "soon" } });
        await _dynamo.PutItemAsync("shard-damaged", new()
        {
            ["shard_key"] = new() { S = "s-2" },
            ["pumps"] = new() { M = new() { ["p-9"] = new() { N = "1" } } },
            ["through"] = new() { N = "60" },
        });

        var through = await Assert.ThrowsAsync<ShardStateStoreException>(() => Store("shard-damaged").LoadAsync("s-1"));
        var pump = await Assert.ThrowsAsync<ShardStateStoreException>(() => Store("shard-damaged").LoadAsync("s-2"));

        Assert.Equal("dynamodb table 'shard-damaged': the item of shard 's-1' cannot be read: through is missing or not a whole number; delete the item to start the shard afresh", through.Message);
        Assert.Equal("dynamodb table 'shard-damaged': the item of shard 's-2' cannot be read: the state of pump 'p-9' in pumps is not a string; delete the item to start the shard afresh", pump.Message);
    }

    [DynaliteFact]
    public async Task A_missing_table_is_one_line_naming_it_for_loads_and_saves()
    {
        var store = Store("no-such-shard-table");

        var load = await Assert.ThrowsAsync<ShardStateStoreException>(() => store.LoadAsync("s-1"));
        var save = await Assert.ThrowsAsync<ShardStateStoreException>(() => store.TrySaveAsync("s-1", OnePump(10)));

        Assert.StartsWith("dynamodb table 'no-such-shard-table': no such table (while loading shard 's-1'); check the table name and region, or create it (ShardStateTableSetup)", load.Message, StringComparison.Ordinal);
        Assert.StartsWith("dynamodb table 'no-such-shard-table': no such table (while saving shard 's-1')", save.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', load.Message + save.Message);
    }
}
