using DuckDB.NET.Data;
using PumpWatch.Cli.Store;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;
using PumpWatch.Core.Storage;
using PumpWatch.Testing;

namespace PumpWatch.Cli.Tests;

/// <summary>The store contract against a real DuckDB file in a temporary folder.</summary>
public sealed class DuckDbStoreContractTests : ResultStoreContract, IDisposable
{
    // A DOUBLE column keeps the value it was given.
    private const double StoredDoubleTolerance = 1e-15;

    private readonly string _folder = Directory.CreateTempSubdirectory("pumpwatch-store-").FullName;

    protected override IResultStore CreateStore(IReadOnlyList<string> featureNames) =>
        new DuckDbStore(Path.Combine(_folder, $"{Guid.NewGuid():N}.duckdb"), featureNames);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AlertEvent_WrittenAgainAfterReopening_LeavesOneRow()
    {
        // The store deletes before inserting only alerts it knows may be stored: those in the file when it opened count.
        var path = Path.Combine(_folder, "reopened.duckdb");
        var features = new[] { "vibration.mean" };
        var opened = new Alert("3@x", AlertEventKind.Opened, "3", AlertSeverity.Warning, 1_000_000, 61_000_000, 0.62, 0.58, "if-abc", [], null);
        using (var first = new DuckDbStore(path, features))
        {
            first.OnAlert(opened);
            await first.FlushAsync();
        }

        using var second = new DuckDbStore(path, features);
        second.OnAlert(opened with { Score = 0.7 });
        await second.FlushAsync();

        var alerts = second.Alerts(StoreQuery.All);
        Assert.True(Math.Abs(Assert.Single(alerts).Score - 0.7) <= StoredDoubleTolerance, "the second write's score");
    }

    [Fact]
    public async Task A_file_with_the_earlier_readings_table_keeps_every_reading_and_takes_new_ones()
    {
        // The layout of files written before the pumps table, made here by hand: readings with the pump's id per row.
        var path = Path.Combine(_folder, "earlier.duckdb");
        Execute(path, """
            CREATE TABLE readings (pump_id VARCHAR NOT NULL, time TIMESTAMP NOT NULL, temperature DOUBLE, pressure DOUBLE, flow_rate DOUBLE, vibration DOUBLE, extras VARCHAR);
            INSERT INTO readings VALUES
                ('P-2', TIMESTAMP '2026-05-01 00:00:00', 71.25, 312.5, 640, 1.9, NULL),
                ('P-1', TIMESTAMP '2026-05-01 00:00:01', NULL, NULL, NULL, 2.5, '{"motor_current": 41.5}'),
                ('P-2', TIMESTAMP '2026-05-01 00:00:02', 70.5, NULL, NULL, NULL, NULL);
            """);

        var catalog = new SensorCatalog();
        using (var store = new DuckDbStore(path, ["vibration.mean"]))
        {
            store.OnReading(Parsed(new Reading("P-1", T0 + 3_000_000, [new("temperature", 69.0)]), catalog));
            store.OnReading(Parsed(new Reading("P-3", T0 + 4_000_000, [new("vibration", 3.5)]), catalog));
            await store.FlushAsync();
        }

        Assert.Equal(
            [
                "P-2|2026-05-01 00:00:00|71.25|312.5|640.0|1.9|", "P-1|2026-05-01 00:00:01||||2.5|{\"motor_current\": 41.5}",
                "P-2|2026-05-01 00:00:02|70.5||||", "P-1|2026-05-01 00:00:03|69.0||||", "P-3|2026-05-01 00:00:04||||3.5|",
            ],
            Rows(path, "SELECT concat_ws('|', pump_id, strftime(time, '%Y-%m-%d %H:%M:%S'), coalesce(temperature::VARCHAR, ''), coalesce(pressure::VARCHAR, ''), coalesce(flow_rate::VARCHAR, ''), coalesce(vibration::VARCHAR, ''), coalesce(extras, '')) FROM readings ORDER BY time"));
        Assert.Equal(["VIEW"], Rows(path, "SELECT table_type FROM information_schema.tables WHERE table_name = 'readings'"));
    }

    [Fact]
    public async Task Reopened_store_keeps_each_pumps_number()
    {
        var path = Path.Combine(_folder, "reopened-pumps.duckdb");
        var catalog = new SensorCatalog();
        for (var run = 0; run < 2; run++)
        {
            using var store = new DuckDbStore(path, ["vibration.mean"]);
            foreach (var pump in new[] { "b", "a", run == 0 ? "c" : "d" })
            {
                store.OnReading(Parsed(new Reading(pump, T0 + (run * Minute), [new("vibration", run)]), catalog));
            }

            await store.FlushAsync();
        }

        // Four pumps, each once in the pumps table, and every reading under its own pump.
        Assert.Equal(["a", "b", "c", "d"], Rows(path, "SELECT pump_id FROM pumps ORDER BY pump_id"));
        Assert.Equal(["4"], Rows(path, "SELECT count(DISTINCT pump_no)::VARCHAR FROM pumps"));
        Assert.Equal(["a|0.0,1.0", "b|0.0,1.0", "c|0.0", "d|1.0"], Rows(path, "SELECT pump_id || '|' || string_agg(vibration::VARCHAR, ',' ORDER BY time) FROM readings GROUP BY pump_id ORDER BY pump_id"));
    }

    private static ParsedReading Parsed(Reading reading, SensorCatalog catalog)
    {
        var parsed = new ParsedReading();
        reading.CopyTo(parsed, catalog);
        return parsed;
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new DuckDBConnection($"DataSource={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<string> Rows(string path, string sql)
    {
        using var connection = new DuckDBConnection($"DataSource={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
