using PumpWatch.Aws.Http;
using PumpWatch.Aws.Timestream.Write;
using PumpWatch.Aws.Timestream.Write.Model;

namespace PumpWatch.Aws.Timestream.Store;

/// <summary>
/// Creates the store's database and its <see cref="TimestreamSchema.Tables"/> where they are missing, for a local or
/// hand-made setup (in AWS the infrastructure program creates them). An existing one (ConflictException) is left as it is.
/// </summary>
public static class TimestreamTables
{
    private const string Conflict = "ConflictException";

    /// <summary>Creates what is missing; returns how many resources were created (0 when everything existed).</summary>
    /// <param name="client">The Timestream Write client.</param>
    /// <param name="databaseName">The database to create or keep.</param>
    /// <param name="retention">Retention of each new table; records older than its memory store period are refused.</param>
    /// <param name="cancellationToken">Stops between calls.</param>
    public static async Task<int> EnsureAsync(ITimestreamWriteClient client, string databaseName, RetentionProperties retention, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(databaseName);
        ArgumentNullException.ThrowIfNull(retention);
        var created = 0;
        try
        {
            await client.CreateDatabaseAsync(new CreateDatabaseRequest(databaseName), cancellationToken).ConfigureAwait(false);
            created++;
        }
        catch (AwsServiceException e) when (e.ErrorCode == Conflict)
        {
            // The database exists.
        }

        foreach (var table in TimestreamSchema.Tables)
        {
            try
            {
                await client.CreateTableAsync(new CreateTableRequest(databaseName, table) { RetentionProperties = retention }, cancellationToken).ConfigureAwait(false);
                created++;
            }
            catch (AwsServiceException e) when (e.ErrorCode == Conflict)
            {
                // The table exists.
            }
        }

        return created;
    }
}
