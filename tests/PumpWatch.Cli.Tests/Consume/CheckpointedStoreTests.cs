using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using PumpWatch.Cli.Store;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Storage;

namespace PumpWatch.Cli.Tests.Consume;

/// <summary>
/// The checkpointed DuckDB store of <c>consume</c>: a shard's rows reach the file only with its checkpoint, in the same
/// transaction; another shard's uncheckpointed rows never ride along; the shard state saves conditionally and loads back.
/// Expected counts are the records written here.
/// </summary>
public sealed class CheckpointedStoreTests : IDisposable
{
    private const long WindowEnd = 1_777_593_660_000_000; // 2026-05-01T00:01:00Z in epoch microseconds
    private readonly string _folder = Directory.CreateTempSubdirectory("pumpwatch-checkpoint-").FullName;

    private string Db => Path.Combine(_folder, "consume.duckdb");

    private static List<RawRecord> Records(string pump, int count) => Enumerable.Range(0, count)
        .Select(i => new RawRecord(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{{\"pump_id\":\"{pump}\",\"timestamp\":\"2026-05-01T00:00:{i:00}Z\",\"temperature\":70,\"pressure\":300,\"flow_rate\":600,\"vibration\":1.5}}")), $"{pump}-{i}", 0))
        .ToList();

    private long Count(string sql)
    {
        using var connection = new DuckDBConnection(new DuckDBConnectionStringBuilder { DataSource = Db }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_shards_rows_are_written_only_with_its_checkpoint_and_the_other_shards_held_rows_are_dropped()
    {
        var options = PipelineOptions.Default;
        using (var store = new DuckDbStore(Db, options.Features.Names, checkpointed: true))
        {
            var states = new DuckDbShardStateStore(store, TimeProvider.System);
            var pipeline = new DetectionPipeline(options, store);
            store.BeginShard("stream/shard-a");
            pipeline.ProcessBatch(Records("a", 30), long.MaxValue);
            pipeline.ProcessBatch([new RawRecord("{not json"u8.ToArray(), "bad", 0)], long.MaxValue);
            store.BeginShard("stream/shard-b");
            pipeline.ProcessBatch(Records("b", 20), long.MaxValue);
            await store.FlushAsync(); // checkpointed: makes nothing durable
            store.BeginShard("stream/shard-a");
            pipeline.ProcessBatch(Records("a", 40).Skip(30).ToList(), long.MaxValue);
            Assert.True(await states.TrySaveAsync("stream/shard-a", new ShardState(new Dictionary<string, string> { ["a"] = "state-a" }, WindowEnd, "a-39")));
        }

        // Shard a: its 40 readings and its quarantined record with its checkpoint; shard b: nothing (read again next run).
        Assert.Equal(40, Count("SELECT count(*) FROM readings WHERE pump_id = 'a'"));
        Assert.Equal(0, Count("SELECT count(*) FROM readings WHERE pump_id = 'b'"));
        Assert.Equal(1, Count("SELECT count(*) FROM quarantine"));
        Assert.Equal(1, Count("SELECT count(*) FROM shard_state"));
    }

    [Fact]
    public async Task Nothing_held_reaches_the_file_without_a_checkpoint()
    {
        var options = PipelineOptions.Default;
        using (var store = new DuckDbStore(Db, options.Features.Names, checkpointed: true))
        {
            var pipeline = new DetectionPipeline(options, store);
            store.BeginShard("stream/shard-a");
            pipeline.ProcessBatch(Records("a", 30), long.MaxValue, closeWindows: true);
            await store.FlushAsync();
        }

        Assert.Equal(0, Count("SELECT count(*) FROM readings"));
        Assert.Equal(0, Count("SELECT count(*) FROM windows"));
    }

    [Fact]
    public async Task The_shard_state_saves_only_for_a_later_window_end_and_loads_back_exactly()
    {
        using var store = new DuckDbStore(Db, ["vibration.mean"], checkpointed: true);
        var states = new DuckDbShardStateStore(store, TimeProvider.System);
        var first = new ShardState(new Dictionary<string, string> { ["pump \"7\""] = "v1;AAEC+/8=", ["Pumpe-ü"] = "x" }, WindowEnd, "49590338271490256608559692538361571095921575989136588898");
        Assert.Null(await states.LoadAsync("stream/shard-a"));
        Assert.True(await states.TrySaveAsync("stream/shard-a", first));
        Assert.False(await states.TrySaveAsync("stream/shard-a", first with { LastSequenceNumber = "1" }));
        Assert.False(await states.TrySaveAsync("stream/shard-a", first with { ThroughWindowEnd = WindowEnd - 1 }));

        var loaded = await states.LoadAsync("stream/shard-a");
        Assert.NotNull(loaded);
        Assert.Equal((first.ThroughWindowEnd, first.LastSequenceNumber), (loaded.ThroughWindowEnd, loaded.LastSequenceNumber));
        Assert.Equal(first.Pumps.OrderBy(p => p.Key, StringComparer.Ordinal), loaded.Pumps.OrderBy(p => p.Key, StringComparer.Ordinal));

        var later = first with { ThroughWindowEnd = WindowEnd + 60_000_000, LastSequenceNumber = null };
        Assert.True(await states.TrySaveAsync("stream/shard-a", later));
        Assert.Null((await states.LoadAsync("stream/shard-a"))!.LastSequenceNumber);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
