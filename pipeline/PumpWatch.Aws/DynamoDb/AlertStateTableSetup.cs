using Amazon.DynamoDBv2;
using PumpWatch.Core.Alerts;

namespace PumpWatch.Aws.DynamoDb;

/// <summary>
/// Creates the alert-state table (<see cref="AlertStateTable"/>: pump_id String as the only key, on-demand capacity)
/// for tests and local setups, and waits until it is ACTIVE. The infrastructure code declares the same schema.
/// </summary>
public static class AlertStateTableSetup
{
    /// <summary>How often the table's status is asked for while it is being created.</summary>
    public static readonly TimeSpan PollInterval = DynamoDbTableSetup.PollInterval;

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

        return await DynamoDbTableSetup.CreateAsync(dynamo, Table(options.TableName), m => new AlertStateStoreException(m), clock, timeout, cancellationToken)
            .ConfigureAwait(false);
    }

    private static KeyedTable Table(string name) =>
        new(name, AlertStateTable.PumpId, AlertStateTable.PumpIdType, AlertStateTable.BillingMode, "the alert state");
}
