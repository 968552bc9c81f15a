using DuckDB.NET.Data;
using PumpWatch.Cli.Store;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Readings;
using PumpWatch.Testing;

namespace PumpWatch.Cli.Tests;

/// <summary>The alert-state contract against DuckDB files in a temporary folder; a second handle is a second connection.</summary>
public sealed class DuckDbAlertStateStoreContractTests : AlertStateStoreContract, IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("pumpwatch-alert-state-").FullName;
    private readonly Dictionary<IAlertStateStore, string> _paths = [];

    protected override IAlertStateStore CreateStore() => Open(Path.Combine(_folder, $"{_paths.Count}.duckdb"));

    protected override IAlertStateStore OpenAnother(IAlertStateStore store) => Open(_paths[store]);

    protected override Task WriteRawAsync(IAlertStateStore store, string pumpId, string stateText, long appliedThrough)
    {
        using var connection = new DuckDBConnection(new DuckDBConnectionStringBuilder { DataSource = _paths[store] }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO alert_state VALUES ($1, $2, $3, 0)";
        command.Parameters.Add(new DuckDBParameter(pumpId));
        command.Parameters.Add(new DuckDBParameter(stateText));
        command.Parameters.Add(new DuckDBParameter(appliedThrough));
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    private DuckDbAlertStateStore Open(string path)
    {
        var store = new DuckDbAlertStateStore(path, new FixedClock(Now));
        _paths[store] = path;
        return store;
    }

    [Fact]
    public async Task The_table_lives_in_the_result_store_file_beside_its_tables_with_the_writer_clock_as_updated_at()
    {
        var path = Path.Combine(_folder, "results.duckdb");
        using var results = new DuckDbStore(path, ["vibration.mean"]);
        using var states = (DuckDbAlertStateStore)Open(path);

        Assert.True(await states.TryWriteAsync("7", StateNumber(3), windowEnd: 600));
        await results.FlushAsync();

        using var command = results.Connection.CreateCommand();
        command.CommandText = "SELECT pump_id, state, applied_through, updated_at FROM alert_state";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(("7", StateNumber(3).ToString(), 600L, EventTime.FromDateTimeOffset(Now)),
            (reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
        Assert.False(reader.Read());
    }

    public void Dispose()
    {
        foreach (var store in _paths.Keys)
        {
            ((IDisposable)store).Dispose();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
