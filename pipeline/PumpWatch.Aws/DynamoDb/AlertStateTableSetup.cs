using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using PumpWatch.Core.Alerts;

namespace PumpWatch.Aws.DynamoDb;

/// <summary>
/// Creates the alert-state table (<see cref="AlertStateTable"/>: pump_id String as the only key, on-demand capacity)
/// for tests and local setups, and waits until it is ACTIVE. The infrastructure code declares the same schema.
/// </summary>
public static class AlertStateTableSetup
{
    /// <summary>How often the table's status is asked for while it is being created.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Creates the table named in <paramref name="options"/> unless it exists, and waits until it is ACTIVE.
    /// Returns true when this call created it, false when it was there already with the right key.
    /// </summary>
    /// <param name="dynamo">The client.</param>
    /// <param name="options">The table's name.</param>
    /// <param name="clock">Clock for the waits between status polls.</param>
    /// <param name="timeout">How long to wait for ACTIVE.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <exception cref="AlertStateStoreException">The table exists with another key schema, or did not become ACTIVE in time.</exception>
    public static async Task<bool> CreateAsync(IAmazonDynamoDB dynamo, DynamoDbAlertStateOptions options, TimeProvider clock, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var table = options.TableName;
        bool created;
        try
        {
            await dynamo.CreateTableAsync(new CreateTableRequest
            {
                TableName = table,
                KeySchema = [new KeySchemaElement(AlertStateTable.PumpId, KeyType.HASH)],
                AttributeDefinitions = [new AttributeDefinition(AlertStateTable.PumpId, new ScalarAttributeType(AlertStateTable.PumpIdType))],
                BillingMode = new BillingMode(AlertStateTable.BillingMode),
            }, cancellationToken).ConfigureAwait(false);
            created = true;
        }
        catch (ResourceInUseException)
        {
            created = false; // Already there (or being created): check its key below.
        }

        var started = clock.GetTimestamp();
        while (true)
        {
            var description = (await dynamo.DescribeTableAsync(new DescribeTableRequest { TableName = table }, cancellationToken).ConfigureAwait(false)).Table;
            if (KeyProblem(description) is { } keyProblem)
            {
                throw new AlertStateStoreException($"dynamodb table '{table}': {keyProblem}");
            }

            if (description.TableStatus == TableStatus.ACTIVE)
            {
                return created;
            }

            if (clock.GetElapsedTime(started) > timeout)
            {
                throw new AlertStateStoreException($"dynamodb table '{table}': still {description.TableStatus} after {timeout.TotalSeconds:0.#} s");
            }

            await Task.Delay(PollInterval, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Null when <paramref name="table"/> is keyed by pump_id (String) alone; otherwise what its key is instead.</summary>
    internal static string? KeyProblem(TableDescription table)
    {
        var keys = table.KeySchema ?? [];
        var types = table.AttributeDefinitions ?? [];
        var isRight = keys.Count == 1 && keys[0].AttributeName == AlertStateTable.PumpId && keys[0].KeyType == KeyType.HASH
            && types.Any(a => a.AttributeName == AlertStateTable.PumpId && a.AttributeType == AlertStateTable.PumpIdType);
        if (isRight)
        {
            return null;
        }

        var actual = string.Join(", ", keys.Select(k => $"{k.AttributeName} {k.KeyType} ({types.FirstOrDefault(a => a.AttributeName == k.AttributeName)?.AttributeType})"));
        return $"exists with key [{actual}]; the alert state needs {AlertStateTable.PumpId} HASH ({AlertStateTable.PumpIdType}) as its only key";
    }
}
