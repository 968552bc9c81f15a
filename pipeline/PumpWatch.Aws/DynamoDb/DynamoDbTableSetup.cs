using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace PumpWatch.Aws.DynamoDb;

/// <summary>
/// What every table setup does (alert state, shard state): create a table with one String partition key and on-demand
/// capacity unless it exists, check the key of one that does, and wait until it is ACTIVE.
/// </summary>
internal static class DynamoDbTableSetup
{
    /// <summary>How often the table's status is asked for while it is being created.</summary>
    internal static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Creates <paramref name="table"/> unless it exists and waits until it is ACTIVE; true when this call created it.</summary>
    /// <param name="dynamo">The client.</param>
    /// <param name="table">Name, key and what the table holds.</param>
    /// <param name="failure">Turns a one-line message into the store's own exception.</param>
    /// <param name="clock">Clock for the waits between status polls.</param>
    /// <param name="timeout">How long to wait for ACTIVE.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    internal static async Task<bool> CreateAsync(
        IAmazonDynamoDB dynamo, KeyedTable table, Func<string, Exception> failure, TimeProvider clock, TimeSpan timeout, CancellationToken cancellationToken)
    {
        bool created;
        try
        {
            await dynamo.CreateTableAsync(new CreateTableRequest
            {
                TableName = table.Name,
                KeySchema = [new KeySchemaElement(table.KeyName, KeyType.HASH)],
                AttributeDefinitions = [new AttributeDefinition(table.KeyName, new ScalarAttributeType(table.KeyType))],
                BillingMode = new BillingMode(table.BillingMode),
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
            var description = (await dynamo.DescribeTableAsync(new DescribeTableRequest { TableName = table.Name }, cancellationToken).ConfigureAwait(false)).Table;
            if (KeyProblem(description, table) is { } keyProblem)
            {
                throw failure($"dynamodb table '{table.Name}': {keyProblem}");
            }

            if (description.TableStatus == TableStatus.ACTIVE)
            {
                return created;
            }

            if (clock.GetElapsedTime(started) > timeout)
            {
                throw failure($"dynamodb table '{table.Name}': still {description.TableStatus} after {timeout.TotalSeconds:0.#} s");
            }

            await Task.Delay(PollInterval, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Null when <paramref name="description"/> is keyed by the table's key alone; otherwise what its key is instead.</summary>
    internal static string? KeyProblem(TableDescription description, KeyedTable table)
    {
        var keys = description.KeySchema ?? [];
        var types = description.AttributeDefinitions ?? [];
        var isRight = keys.Count == 1 && keys[0].AttributeName == table.KeyName && keys[0].KeyType == KeyType.HASH
            && types.Any(a => a.AttributeName == table.KeyName && a.AttributeType == table.KeyType);
        if (isRight)
        {
            return null;
        }

        var actual = string.Join(", ", keys.Select(k => $"{k.AttributeName} {k.KeyType} ({types.FirstOrDefault(a => a.AttributeName == k.AttributeName)?.AttributeType})"));
        return $"exists with key [{actual}]; {table.Holds} needs {table.KeyName} HASH ({table.KeyType}) as its only key";
    }
}
