using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using PumpWatch.Aws.Http;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Readings;

namespace PumpWatch.Aws.DynamoDb;

/// <summary>
/// The alert state in DynamoDB (schema: <see cref="AlertStateTable"/>): strongly consistent BatchGetItem reads in calls
/// of at most 100 keys, with unprocessed keys read again after a full-jitter backoff, and one conditional PutItem per
/// pump whose failed condition means another writer already applied this window or a later one.
/// </summary>
public sealed class DynamoDbAlertStateStore : IAlertStateStore
{
    /// <summary>BatchGetItem reads at most 100 items per call (Amazon DynamoDB API Reference, BatchGetItem).</summary>
    public const int MaxKeysPerBatchGet = 100;

    private readonly IAmazonDynamoDB _dynamo;
    private readonly string _table;
    private readonly AwsRetryPolicy _retry;
    private readonly TimeProvider _clock;

    /// <param name="dynamo">The client (<see cref="Configuration.OfficialClients.DynamoDb"/>); not owned, not disposed here.</param>
    /// <param name="options">The table.</param>
    /// <param name="retry">Backoff, attempt limit and budget for re-reading unprocessed keys (the client's own retries cover failed calls).</param>
    /// <param name="clock">The writer's clock, for <see cref="AlertStateTable.UpdatedAt"/>.</param>
    public DynamoDbAlertStateStore(IAmazonDynamoDB dynamo, DynamoDbAlertStateOptions options, AwsRetryPolicy retry, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(clock);
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _dynamo = dynamo;
        _table = options.TableName;
        _retry = retry;
        _clock = clock;
    }

    public async Task<IReadOnlyDictionary<string, AppliedAlertState>> ReadAsync(IReadOnlyCollection<string> pumpIds, CancellationToken cancellationToken = default)
    {
        // BatchGetItem refuses a request that names a key twice ("Provided list of item keys contains duplicates").
        var distinct = IAlertStateStore.DistinctPumpIds(pumpIds);

        var states = new Dictionary<string, AppliedAlertState>(distinct.Count, StringComparer.Ordinal);
        foreach (var chunk in distinct.Chunk(MaxKeysPerBatchGet))
        {
            await ReadChunkAsync(chunk, states, cancellationToken).ConfigureAwait(false);
        }

        return states;
    }

    public async Task<bool> TryWriteAsync(string pumpId, AlertState state, long windowEnd, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pumpId);
        var request = new PutItemRequest
        {
            TableName = _table,
            Item = new Dictionary<string, AttributeValue>
            {
                [AlertStateTable.PumpId] = new() { S = pumpId },
                [AlertStateTable.State] = new() { S = state.ToString() },
                [AlertStateTable.AppliedThrough] = DynamoDbNumbers.Attribute(windowEnd),
                [AlertStateTable.UpdatedAt] = DynamoDbNumbers.Attribute(EventTime.FromDateTimeOffset(_clock.GetUtcNow())),
            },
            ConditionExpression = AlertStateTable.WriteCondition,
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [AlertStateTable.WindowEndValue] = DynamoDbNumbers.Attribute(windowEnd) },
        };
        try
        {
            await _dynamo.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false; // Another writer applied this window end or a later one: lost, not failed.
        }
        catch (Exception e) when (DynamoDbCallFailure.IsCallFailure(e))
        {
            throw Failed($"writing pump '{pumpId}'", e);
        }
    }

    private async Task ReadChunkAsync(string[] pumps, Dictionary<string, AppliedAlertState> states, CancellationToken cancellationToken)
    {
        var keys = new KeysAndAttributes { Keys = [.. pumps.Select(Key)], ConsistentRead = true };
        var waited = TimeSpan.Zero;
        for (var calls = 1; ; calls++)
        {
            BatchGetItemResponse response;
            try
            {
                response = await _dynamo.BatchGetItemAsync(
                    new BatchGetItemRequest { RequestItems = new Dictionary<string, KeysAndAttributes> { [_table] = keys } }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (DynamoDbCallFailure.IsCallFailure(e))
            {
                throw Failed(pumps.Length == 1 ? "reading 1 pump" : $"reading {pumps.Length} pumps", e);
            }

            if (response.Responses is not null && response.Responses.TryGetValue(_table, out var items) && items is not null)
            {
                foreach (var item in items)
                {
                    if (Parse(item) is { } found)
                    {
                        states[found.PumpId] = found.State;
                    }
                }
            }

            // Unprocessed keys come back in the form of RequestItems, to be sent again after a backoff (API Reference, BatchGetItem).
            if (response.UnprocessedKeys is null || !response.UnprocessedKeys.TryGetValue(_table, out var left) || left?.Keys is not { Count: > 0 })
            {
                return;
            }

            if (!_retry.TryGetDelay(calls, waited, out var delay))
            {
                throw new AlertStateStoreException(
                    $"dynamodb table '{_table}': {left.Keys.Count} of {pumps.Length} pumps were still unprocessed after {calls} BatchGetItem calls (throttled); try again later");
            }

            waited += delay;
            await _retry.DelayAsync(delay, cancellationToken).ConfigureAwait(false);
            keys = new KeysAndAttributes { Keys = left.Keys, ConsistentRead = true };
        }
    }

    /// <summary>A stored item as the pump's state; null for an item without a pump id (never written by this store).</summary>
    private static (string PumpId, AppliedAlertState State)? Parse(Dictionary<string, AttributeValue> item)
    {
        if (!item.TryGetValue(AlertStateTable.PumpId, out var pump) || string.IsNullOrEmpty(pump.S))
        {
            return null;
        }

        var text = item.TryGetValue(AlertStateTable.State, out var stateValue) ? stateValue.S : null;
        var applied = DynamoDbNumbers.TryRead(item.GetValueOrDefault(AlertStateTable.AppliedThrough), out var windowEnd) ? windowEnd : (long?)null;
        if (applied is null)
        {
            return (pump.S, new AppliedAlertState(AlertState.Initial, long.MinValue, $"stored {AlertStateTable.AppliedThrough} is missing or not an integer"));
        }

        return AlertState.TryParse(text, out var state)
            ? (pump.S, new AppliedAlertState(state, applied.Value))
            : (pump.S, new AppliedAlertState(AlertState.Initial, applied.Value, $"stored {AlertStateTable.State} '{text}' is not an alert state"));
    }

    private static Dictionary<string, AttributeValue> Key(string pumpId) => new() { [AlertStateTable.PumpId] = new() { S = pumpId } };

    private AlertStateStoreException Failed(string doing, Exception e) =>
        new(DynamoDbCallFailure.Message(_table, doing, nameof(AlertStateTableSetup), e), e);
}
