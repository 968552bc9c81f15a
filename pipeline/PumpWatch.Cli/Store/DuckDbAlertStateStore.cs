using System.Text;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Store;

/// <summary>
/// The alert state on one machine: table <c>alert_state</c> in the DuckDB file of <see cref="DuckDbStore"/> (its own
/// connection, so it never waits for the store's writer thread). A write is one conditional upsert, so it wins only
/// for a window end later than the stored one; two connections racing on one pump conflict in DuckDB's optimistic
/// concurrency control, and the loser runs its statement again against the winner's row. Built over a checkpointed
/// store instead, it runs on that store's writer connection, so its writes commit with the shard's checkpoint.
/// </summary>
internal sealed class DuckDbAlertStateStore : IAlertStateStore, IDisposable
{
    /// <summary>The table's name in the DuckDB file.</summary>
    public const string Table = "alert_state";

    // A conflict resolves on the next attempt once the other transaction has committed; the limit only stops a loop.
    private const int MaxAttempts = 100;

    // Pumps read per SELECT: one parameter each.
    private const int ReadChunk = 500;

    private const string Upsert = $"""
        INSERT INTO {Table} VALUES ($1, $2, $3, $4)
        ON CONFLICT (pump_id) DO UPDATE SET state = excluded.state, applied_through = excluded.applied_through, updated_at = excluded.updated_at
        WHERE {Table}.applied_through < excluded.applied_through
        """;

    private readonly DuckDBConnection? _connection;
    private readonly DuckDbStore? _shared;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();

    /// <param name="path">The DuckDB file (usually <see cref="DuckDbStore.Path"/>); the table is created if missing.</param>
    /// <param name="clock">The writer's clock, for <c>updated_at</c>.</param>
    public DuckDbAlertStateStore(string path, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _connection = new DuckDBConnection(new DuckDBConnectionStringBuilder { DataSource = path }.ConnectionString);
        _connection.Open();
        RunAsync(CreateTable).GetAwaiter().GetResult();
    }

    /// <param name="store">The store whose writer connection (and, checkpointed, whose transactions) the states share.</param>
    /// <param name="clock">The writer's clock, for <c>updated_at</c>.</param>
    public DuckDbAlertStateStore(DuckDbStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _shared = store;
        RunAsync(CreateTable).GetAwaiter().GetResult();
    }

    private static int CreateTable(DuckDBConnection connection) => Execute(connection,
        $"CREATE TABLE IF NOT EXISTS {Table} (pump_id VARCHAR PRIMARY KEY, state VARCHAR NOT NULL, applied_through BIGINT NOT NULL, updated_at BIGINT NOT NULL)", []);

    public async Task<IReadOnlyDictionary<string, AppliedAlertState>> ReadAsync(IReadOnlyCollection<string> pumpIds, CancellationToken cancellationToken = default)
    {
        var distinct = IAlertStateStore.DistinctPumpIds(pumpIds);

        var states = new Dictionary<string, AppliedAlertState>(distinct.Count, StringComparer.Ordinal);
        foreach (var chunk in distinct.Chunk(ReadChunk))
        {
            var sql = new StringBuilder($"SELECT pump_id, state, applied_through FROM {Table} WHERE pump_id IN (");
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "$" : ", $").Append(i + 1);
            }

            var query = sql.Append(')').ToString();
            await RunAsync(connection =>
            {
                using var command = Command(connection, query, chunk);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var text = reader.GetString(1);
                    var applied = reader.GetInt64(2);
                    states[reader.GetString(0)] = AlertState.TryParse(text, out var state)
                        ? new AppliedAlertState(state, applied)
                        : new AppliedAlertState(AlertState.Initial, applied, $"stored state '{text}' is not an alert state");
                }

                return states.Count;
            }).ConfigureAwait(false);
        }

        return states;
    }

    public Task<bool> TryWriteAsync(string pumpId, AlertState state, long windowEnd, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pumpId);
        object[] values = [pumpId, state.ToString(), windowEnd, EventTime.FromDateTimeOffset(_clock.GetUtcNow())];
        return RunAsync(connection => Execute(connection, Upsert, values) == 1);
    }

    public void Dispose() => _connection?.Dispose();

    // On the shared store's writer (one connection, no conflicts), or on this store's own connection with the retry.
    private Task<T> RunAsync<T>(Func<DuckDBConnection, T> statement) =>
        _shared is not null ? _shared.RunOnWriterAsync(statement) : Task.FromResult(WithConflictRetry(() => statement(_connection!)));

    private T WithConflictRetry<T>(Func<T> statement)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                lock (_gate)
                {
                    return statement();
                }
            }
            catch (DuckDBException e) when (attempt < MaxAttempts && e.ErrorType is DuckDBErrorType.Transaction or DuckDBErrorType.Constraint)
            {
                // Another connection changed the row (Transaction: "Conflict on update") or inserted it first
                // (Constraint: duplicate key) after this statement started; its condition is evaluated again.
            }
        }
    }

    private static int Execute(DuckDBConnection connection, string sql, object[] values)
    {
        using var command = Command(connection, sql, values);
        return command.ExecuteNonQuery();
    }

    private static DuckDBCommand Command(DuckDBConnection connection, string sql, IReadOnlyList<object> values)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in values)
        {
            command.Parameters.Add(new DuckDBParameter(value));
        }

        return command;
    }
}
