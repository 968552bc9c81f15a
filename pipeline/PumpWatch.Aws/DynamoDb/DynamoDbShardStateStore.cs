using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using PumpWatch.Core.Readings;
using PumpWatch.Core.Storage;

namespace PumpWatch.Aws.DynamoDb;

/// <summary>
/// The shard state in DynamoDB (schema: <see cref="ShardStateTable"/>), one item per shard: strongly consistent GetItem
/// reads and one conditional PutItem per save, whose failed condition means another worker already saved this window or
/// a later one. An item holds at most 400 KB, checked before the call: 1,000 pumps with 10-character ids and 100-byte
/// states come to about 111 KB, so only several thousand pumps on one shard would not fit, and that save fails with a
/// one-line message naming the shard and the size instead of DynamoDB's generic refusal.
/// A stored item this store cannot read (a hand edit with a missing or non-numeric window end, a pump state that is not
/// a string) is reported the same way, since no later save could replace it: its condition never holds for it.
/// </summary>
public sealed class DynamoDbShardStateStore : IShardStateStore
{
    private readonly IAmazonDynamoDB _dynamo;
    private readonly string _table;
    private readonly TimeProvider _clock;

    /// <param name="dynamo">The client (<see cref="Configuration.OfficialClients.DynamoDb"/>); not owned, not disposed here.</param>
    /// <param name="options">The table.</param>
    /// <param name="clock">The writer's clock, for <see cref="ShardStateTable.UpdatedAt"/>.</param>
    public DynamoDbShardStateStore(IAmazonDynamoDB dynamo, DynamoDbShardStateOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _dynamo = dynamo;
        _table = options.TableName;
        _clock = clock;
    }

    public async Task<ShardState?> LoadAsync(string shardKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(shardKey);
        GetItemResponse response;
        try
        {
            response = await _dynamo.GetItemAsync(new GetItemRequest { TableName = _table, Key = Key(shardKey), ConsistentRead = true }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (DynamoDbCallFailure.IsCallFailure(e))
        {
            throw Failed($"loading shard '{shardKey}'", e);
        }

        return response.Item is { Count: > 0 } item ? Parse(shardKey, item) : null;
    }

    public async Task<bool> TrySaveAsync(string shardKey, ShardState state, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(shardKey);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(state.Pumps);
        var pumps = new Dictionary<string, AttributeValue>(state.Pumps.Count, StringComparer.Ordinal);
        foreach (var (pump, text) in state.Pumps)
        {
            pumps[pump] = new AttributeValue { S = text };
        }

        var item = Key(shardKey);
        item[ShardStateTable.Pumps] = new AttributeValue { M = pumps };
        item[ShardStateTable.Through] = DynamoDbNumbers.Attribute(state.ThroughWindowEnd);
        item[ShardStateTable.UpdatedAt] = DynamoDbNumbers.Attribute(EventTime.FromDateTimeOffset(_clock.GetUtcNow()));
        if (state.LastSequenceNumber is { } sequence)
        {
            item[ShardStateTable.LastSequence] = new AttributeValue { S = sequence };
        }

        var size = DynamoDbItemSize.Of(item);
        if (size > DynamoDbItemSize.MaxBytes)
        {
            throw new ShardStateStoreException(string.Create(CultureInfo.InvariantCulture,
                $"dynamodb table '{_table}': the state of shard '{shardKey}' ({state.Pumps.Count} pumps) is {size:N0} bytes as an item, over DynamoDB's {DynamoDbItemSize.MaxBytes:N0}-byte (400 KB) item limit"));
        }

        var request = new PutItemRequest
        {
            TableName = _table,
            Item = item,
            ConditionExpression = ShardStateTable.WriteCondition,
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [ShardStateTable.WindowEndValue] = DynamoDbNumbers.Attribute(state.ThroughWindowEnd) },
        };
        try
        {
            await _dynamo.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false; // Another worker saved this window end or a later one: lost, not failed.
        }
        catch (Exception e) when (DynamoDbCallFailure.IsCallFailure(e))
        {
            throw Failed($"saving shard '{shardKey}'", e);
        }
    }

    private ShardState Parse(string shardKey, Dictionary<string, AttributeValue> item)
    {
        if (!DynamoDbNumbers.TryRead(item.GetValueOrDefault(ShardStateTable.Through), out var through))
        {
            throw Damaged(shardKey, $"{ShardStateTable.Through} is missing or not a whole number");
        }

        if (item.GetValueOrDefault(ShardStateTable.Pumps)?.M is not { } stored)
        {
            throw Damaged(shardKey, $"{ShardStateTable.Pumps} is missing or not a map");
        }

        var pumps = new Dictionary<string, string>(stored.Count, StringComparer.Ordinal);
        foreach (var (pump, value) in stored)
        {
            pumps[pump] = value.S ?? throw Damaged(shardKey, $"the state of pump '{pump}' in {ShardStateTable.Pumps} is not a string");
        }

        var sequence = item.GetValueOrDefault(ShardStateTable.LastSequence);
        if (sequence is not null && sequence.S is null)
        {
            throw Damaged(shardKey, $"{ShardStateTable.LastSequence} is not a string");
        }

        return new ShardState(pumps, through, sequence?.S);
    }

    private static Dictionary<string, AttributeValue> Key(string shardKey) => new(StringComparer.Ordinal) { [ShardStateTable.ShardKey] = new() { S = shardKey } };

    private ShardStateStoreException Damaged(string shardKey, string what) =>
        new($"dynamodb table '{_table}': the item of shard '{shardKey}' cannot be read: {what}; delete the item to start the shard afresh");

    private ShardStateStoreException Failed(string doing, Exception e) =>
        new(DynamoDbCallFailure.Message(_table, doing, nameof(ShardStateTableSetup), e), e);
}
