using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using PumpWatch.Aws.DynamoDb;
using PumpWatch.Aws.Tests.Fakes;
using PumpWatch.Core.Alerts;

namespace PumpWatch.Aws.Tests.DynamoDb;

/// <summary>The DynamoDB alert-state store and table setup against dynalite: the table's schema, the stored item, a missing table.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbAlertStateStoreTests(DynaliteServer server) : IDisposable
{
    // 2026-05-01T12:00:00Z in epoch microseconds (1777636800 s, from Python's datetime).
    private const long NowMicros = 1_777_636_800_000_000;
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly AmazonDynamoDBClient _dynamo = Clients.DynamoDb(server.Url);

    public void Dispose() => _dynamo.Dispose();

    private Task<bool> CreateTableAsync(string table) =>
        AlertStateTableSetup.CreateAsync(_dynamo, new DynamoDbAlertStateOptions(table), TimeProvider.System, TimeSpan.FromSeconds(10));

    private DynamoDbAlertStateStore Store(string table) =>
        new(_dynamo, new DynamoDbAlertStateOptions(table), Clients.Retry(Clients.Options(server.Url)), new ManualClock(Now));

    [DynaliteFact]
    public async Task Setup_creates_pump_id_String_as_the_only_key_on_demand_and_a_second_call_finds_it()
    {
        Assert.True(await CreateTableAsync("setup-schema"));

        var table = (await _dynamo.DescribeTableAsync("setup-schema")).Table;
        Assert.Equal(TableStatus.ACTIVE, table.TableStatus);
        Assert.Equal([("pump_id", "HASH")], table.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)));
        Assert.Equal([("pump_id", "S")], table.AttributeDefinitions.Select(a => (a.AttributeName, a.AttributeType.Value)));
        Assert.Equal("PAY_PER_REQUEST", table.BillingModeSummary.BillingMode.Value);
        Assert.False(await CreateTableAsync("setup-schema"));
    }

    [DynaliteFact]
    public async Task Setup_refuses_an_existing_table_keyed_otherwise_naming_its_key()
    {
        await _dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = "setup-other-key",
            KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.N)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });

        var error = await Assert.ThrowsAsync<AlertStateStoreException>(() => CreateTableAsync("setup-other-key"));

        Assert.Equal("dynamodb table 'setup-other-key': exists with key [id HASH (N)]; the alert state needs pump_id HASH (S) as its only key", error.Message);
    }

    [DynaliteFact]
    public async Task A_won_write_stores_the_schema_attributes_with_the_writer_clock_as_updated_at()
    {
        await CreateTableAsync("item-shape");
        var state = new AlertState(0b101, true, AlertSeverity.Critical, 1_777_636_740_000_000, 1_777_636_740_000_000, AlertSeverity.Critical, 0);

        Assert.True(await Store("item-shape").TryWriteAsync("7", state, windowEnd: 1_777_636_800_000_000));

        var item = (await _dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = "item-shape",
            Key = new() { ["pump_id"] = new() { S = "7" } },
            ConsistentRead = true,
        })).Item;
        Assert.Equal(["applied_through", "pump_id", "state", "updated_at"], item.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("7", item["pump_id"].S);
        // AlertState's documented text: mask;open;severity;openedAt;lastAlertAt;lastSeverity;normalStreak (Critical is 1).
        Assert.Equal("5;1;1;1777636740000000;1777636740000000;1;0", item["state"].S);
        Assert.Equal("1777636800000000", item["applied_through"].N);
        Assert.Equal(NowMicros.ToString(System.Globalization.CultureInfo.InvariantCulture), item["updated_at"].N);
    }

    [DynaliteFact]
    public async Task A_missing_table_is_one_line_naming_it_for_reads_and_writes()
    {
        var store = Store("no-such-table");

        var read = await Assert.ThrowsAsync<AlertStateStoreException>(() => store.ReadAsync(["7"]));
        var write = await Assert.ThrowsAsync<AlertStateStoreException>(() => store.TryWriteAsync("7", AlertState.Initial, 60));

        Assert.StartsWith("dynamodb table 'no-such-table': no such table (while reading 1 pump)", read.Message, StringComparison.Ordinal);
        Assert.StartsWith("dynamodb table 'no-such-table': no such table (while writing pump '7')", write.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', read.Message + write.Message);
    }
}
