using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using PumpWatch.Core.Readings;
using PumpWatch.Core.Storage;

namespace PumpWatch.Cli.Store;

/// <summary>
/// The shard state and checkpoint of <c>pumpwatch consume</c>: table <c>shard_state</c> in the DuckDB file of a
/// <see cref="DuckDbStore"/>, one row per shard (pump states as one JSON object, window end, last sequence number). A save
/// is the shard's checkpoint: it runs on the store's writer and commits in one transaction with the shard's held rows
/// (<see cref="DuckDbStore.CheckpointAsync"/>), conditional on a later window end like every shard-state store.
/// </summary>
internal sealed class DuckDbShardStateStore : IShardStateStore
{
    /// <summary>The table's name in the DuckDB file.</summary>
    public const string Table = "shard_state";

    private const string Upsert = $"""
        INSERT INTO {Table} VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (shard_key) DO UPDATE SET pumps = excluded.pumps, through = excluded.through, last_sequence = excluded.last_sequence, updated_at = excluded.updated_at
        WHERE {Table}.through < excluded.through
        """;

    private readonly DuckDbStore _store;
    private readonly TimeProvider _clock;

    /// <param name="store">The result store whose file and writer the states share.</param>
    /// <param name="clock">The writer's clock, for <c>updated_at</c>.</param>
    public DuckDbShardStateStore(DuckDbStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        (_store, _clock) = (store, clock);
        _store.RunOnWriterAsync(c => Execute(c,
            $"CREATE TABLE IF NOT EXISTS {Table} (shard_key VARCHAR PRIMARY KEY, pumps VARCHAR NOT NULL, through BIGINT NOT NULL, last_sequence VARCHAR, updated_at BIGINT NOT NULL)",
            [])).GetAwaiter().GetResult();
    }

    public Task<ShardState?> LoadAsync(string shardKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(shardKey);
        return _store.RunOnWriterAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT pumps, through, last_sequence FROM {Table} WHERE shard_key = $1";
            command.Parameters.Add(new DuckDBParameter(shardKey));
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new ShardState(ParsePumps(shardKey, reader.GetString(0)), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2))
                : null;
        });
    }

    public Task<bool> TrySaveAsync(string shardKey, ShardState state, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(shardKey);
        ArgumentNullException.ThrowIfNull(state);
        object?[] values = [shardKey, PumpsJson(state.Pumps), state.ThroughWindowEnd, state.LastSequenceNumber, EventTime.FromDateTimeOffset(_clock.GetUtcNow())];
        return _store.CheckpointAsync(shardKey, connection => Execute(connection, Upsert, values) == 1, cancellationToken);
    }

    private static int Execute(DuckDBConnection connection, string sql, object?[] values)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in values)
        {
            command.Parameters.Add(new DuckDBParameter(value ?? DBNull.Value));
        }

        return command.ExecuteNonQuery();
    }

    private static string PumpsJson(IReadOnlyDictionary<string, string> pumps)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (pump, text) in pumps)
            {
                json.WriteString(pump, text);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private Dictionary<string, string> ParsePumps(string shardKey, string text)
    {
        var pumps = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(text);
            foreach (var pump in document.RootElement.EnumerateObject())
            {
                pumps[pump.Name] = pump.Value.GetString() ?? throw new ShardStateStoreException(Damaged(shardKey, $"the state of pump '{pump.Name}' is null"));
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new ShardStateStoreException(Damaged(shardKey, $"pumps is not a JSON object of strings ({e.Message})"), e);
        }

        return pumps;
    }

    private string Damaged(string shardKey, string what) =>
        $"{_store.Path}: table {Table}, shard '{shardKey}': {what}; delete the row to start the shard afresh from --from";
}
