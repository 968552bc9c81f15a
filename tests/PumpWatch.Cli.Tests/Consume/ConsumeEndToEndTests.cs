using System.Diagnostics;
using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using PumpWatch.Aws.Kinesis;
using PumpWatch.Aws.Kinesis.Model;
using PumpWatch.Aws.Tests;
using PumpWatch.Aws.Tests.Kinesalite;
using PumpWatch.Simulator;

namespace PumpWatch.Cli.Tests.Consume;

/// <summary>
/// simulator -> kinesalite -> <c>pumpwatch consume</c> (a real process) -> DuckDB. Three simulated pumps at 10 Hz are put
/// on a two-shard stream paced at real time (half a second of readings every half second), so that 1 s tumbling windows
/// by arrival time hold what the model's 1 s event-time windows held in training; pump 2 has bearing wear from its 4th
/// second. Three malformed records are put among them. What was sent is counted here, by hand, from the put list.
/// </summary>
[Collection(ConsumeKinesaliteCollection.Name)]
public sealed class ConsumeEndToEndTests(KinesaliteServer kinesalite) : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Streamed = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Chunk = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    // Each with the reason the pipeline must give it (QuarantineReasonCodes).
    private static readonly (string Json, string Reason)[] Malformed =
    [
        ("{\"pump_id\":\"1\",", "malformed_json"),
        ("{\"timestamp\":\"2026-05-01T00:00:03Z\",\"temperature\":70.0}", "missing_pump_id"),
        ("{\"pump_id\":\"3\",\"vibration\":1.5}", "missing_timestamp"),
    ];

    private readonly CliProcess _cli = new();

    [Fact]
    public async Task EveryReadingOnce_FaultAlerted_MalformedQuarantined_AndAKilledConsumerEndsAsAnUnkilledOne()
    {
        TrainModel();
        var stream = $"consume-{Guid.NewGuid():N}";
        using var http = Clients.Http();
        var kinesis = Clients.Kinesis(http, Clients.Options(kinesalite.Url));
        await KinesaliteStreams.CreateActiveStreamAsync(kinesis, stream, shards: 2);
        var sent = await PutPacedAsync(kinesis, stream);
        var validReadings = sent.Count(s => s.Valid);
        Assert.Equal(3 * (int)(Streamed / Interval), validReadings);

        // Unkilled.
        var whole = Consume(stream, "whole.duckdb");
        Assert.True(whole.Code == 0, whole.Err);
        var expected = Counts("whole.duckdb");
        Assert.Equal(validReadings, expected.Readings);
        Assert.Equal(validReadings, expected.DistinctReadings);
        Assert.Equal(Malformed.Select(m => m.Reason).Order(StringComparer.Ordinal), expected.Quarantine);
        Assert.Contains("2", expected.OpenedFor);
        Assert.True(expected.Windows > 0);

        // Killed (SIGKILL) after its second checkpoint, then run again on the same file.
        var killedAfter = KillAfterCheckpoints(stream, "killed.duckdb", checkpoints: 2);

        // Then Ctrl+C after one more checkpoint: a clean stop that says what the next run reads again.
        var interrupted = InterruptAfterCheckpoint(stream, "killed.duckdb");
        Assert.True(interrupted.Code == 0, interrupted.Err);
        Assert.Contains("stopped: ", interrupted.Out, StringComparison.Ordinal);

        var resumed = Consume(stream, "killed.duckdb");
        Assert.True(resumed.Code == 0, resumed.Err);
        Assert.Contains("resuming after checkpoint", resumed.Out, StringComparison.Ordinal);
        var total = CheckpointLines(whole.Out);
        Assert.True(killedAfter < total, $"killed after {killedAfter} of {total} checkpoints");
        Assert.Equal(expected, Counts("killed.duckdb"));
    }

    [Fact]
    public async Task AfterASplit_TheChildrenAreReadOnceTheParentIsDone_AndEveryReadingIsStoredOnce()
    {
        TrainModel();
        var stream = $"consume-split-{Guid.NewGuid():N}";
        using var http = Clients.Http();
        var kinesis = Clients.Kinesis(http, Clients.Options(kinesalite.Url));
        await KinesaliteStreams.CreateActiveStreamAsync(kinesis, stream, shards: 1);
        var parent = (await kinesis.ListAllShardsAsync(stream)).Single();

        // Half the readings to the one shard, then split it at the middle of its hash range; the rest go to the children.
        var sent = await PutPacedAsync(kinesis, stream, async chunk =>
        {
            if (chunk == 10)
            {
                var middle = (System.Numerics.BigInteger.Parse(parent.HashKeyRange.StartingHashKey, CultureInfo.InvariantCulture)
                    + System.Numerics.BigInteger.Parse(parent.HashKeyRange.EndingHashKey, CultureInfo.InvariantCulture)) / 2;
                await kinesis.SplitShardAsync(new SplitShardRequest(parent.ShardId, middle.ToString(CultureInfo.InvariantCulture)) { StreamName = stream });
                await KinesaliteStreams.WaitActiveAsync(kinesis, stream);
            }
        });
        var children = (await kinesis.ListAllShardsAsync(stream)).Where(s => s.ParentShardId == parent.ShardId).Select(s => s.ShardId).ToList();
        Assert.Equal(2, children.Count);

        var run = Consume(stream, "split.duckdb");
        Assert.True(run.Code == 0, run.Err);
        var ended = Assert.Single(run.Out.Split('\n'), l => l.StartsWith($"shard {parent.ShardId} read to its end", StringComparison.Ordinal));
        Assert.All(children, c => Assert.Contains(c, ended, StringComparison.Ordinal));
        var counts = Counts("split.duckdb");
        Assert.Equal(sent.Count(s => s.Valid), counts.Readings);
        Assert.Equal(counts.Readings, counts.DistinctReadings);
        Assert.Equal(Malformed.Length, counts.Quarantine.Count);
        Assert.Equal(3, counts.Checkpoints); // one shard_state row per shard: the parent and both children
    }

    private sealed record StoreCounts(long Readings, long DistinctReadings, IReadOnlyList<string> Quarantine, long Windows, long WindowReadings,
        IReadOnlyList<string> OpenedFor, long Checkpoints)
    {
        public bool Equals(StoreCounts? other) => other is not null && (Readings, DistinctReadings, Windows, WindowReadings, Checkpoints) ==
            (other.Readings, other.DistinctReadings, other.Windows, other.WindowReadings, other.Checkpoints)
            && Quarantine.SequenceEqual(other.Quarantine) && OpenedFor.SequenceEqual(other.OpenedFor);

        public override int GetHashCode() => HashCode.Combine(Readings, Windows);

        public override string ToString() =>
            $"readings {Readings} ({DistinctReadings} distinct), quarantine [{string.Join(", ", Quarantine)}], windows {Windows} holding {WindowReadings}, opened for [{string.Join(", ", OpenedFor)}], shard rows {Checkpoints}";
    }

    private sealed record Sent(string PartitionKey, byte[] Data, bool Valid);

    private void TrainModel()
    {
        var simulator = new PumpSimulator(new SimulatorOptions(3, Interval, Start - TimeSpan.FromHours(1), TimeSpan.FromMinutes(10), Seed: 11, Faults: []));
        File.WriteAllLines(_cli.PathOf("healthy.jsonl"), simulator.Generate().Select(r => r.ToLine()));
        var train = _cli.Run("train", "healthy.jsonl", "--window", "1s", "--out", "model.json");
        Assert.True(train.Code == 0, train.Err);
    }

    // Half a second of readings every half second, the malformed records after chunks 3, 7 and 11.
    private static async Task<List<Sent>> PutPacedAsync(KinesisClient kinesis, string stream, Func<int, Task>? beforeChunk = null)
    {
        var fault = new FaultSpec("2", FaultKind.BearingWear, Start + TimeSpan.FromSeconds(4), TimeSpan.Zero, Start + TimeSpan.FromHours(1));
        var simulator = new PumpSimulator(new SimulatorOptions(3, Interval, Start, Streamed, Seed: 12, Faults: [fault]));
        var readings = simulator.Generate().ToList();
        Assert.All(readings, r => Assert.Null(r.MalformedLine));
        var sent = new List<Sent>();
        var clock = Stopwatch.StartNew();
        var chunks = readings.GroupBy(r => (r.Reading.Timestamp - readings[0].Reading.Timestamp) / (long)Chunk.TotalMicroseconds).ToList();
        for (var c = 0; c < chunks.Count; c++)
        {
            if (beforeChunk is not null)
            {
                await beforeChunk(c);
            }

            var batch = chunks[c].Select(r => new Sent(r.Reading.PumpId, Encoding.UTF8.GetBytes(r.ToLine()), true)).ToList();
            if (c % 4 == 3 && c / 4 < Malformed.Length)
            {
                batch.Add(new Sent("malformed", Encoding.UTF8.GetBytes(Malformed[c / 4].Json), false));
            }

            var response = await kinesis.PutRecordsAsync(new PutRecordsRequest(batch.Select(s => new PutRecordsRequestEntry(s.Data, s.PartitionKey)).ToList()) { StreamName = stream });
            Assert.Equal(0, response.FailedRecordCount ?? 0);
            sent.AddRange(batch);
            var due = Chunk * (c + 1);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }
        }

        return sent;
    }

    private string[] ConsumeArguments(string stream, string db, params string[] extra) =>
    [
        "consume", "--stream", stream, "--endpoint", kinesalite.Url.ToString(), "--region", "us-east-1", "--db", db, "--model", "model.json",
        "--until-empty", "--poll-interval", "100ms", .. extra,
    ];

    private (int Code, string Out, string Err) Consume(string stream, string db)
    {
        using var process = _cli.StartBounded(Limit, ConsumeArguments(stream, db));
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    // Small GetRecords pages, so that the run has many invocations and the kill lands inside a window's batches as often as between windows.
    private int KillAfterCheckpoints(string stream, string db, int checkpoints)
    {
        using var process = _cli.StartBounded(Limit, ConsumeArguments(stream, db, "--limit", "7"));
        var error = process.StandardError.ReadToEndAsync();
        var seen = 0;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith("checkpoint ", StringComparison.Ordinal) && ++seen == checkpoints)
            {
                // SIGKILL to the whole tree (timeout and the dotnet under it): no handler runs, as in a crash.
                process.Kill(entireProcessTree: true);
                break;
            }
        }

        process.WaitForExit();
        Assert.True(seen == checkpoints, $"the consumer ended after {seen} checkpoints, before the kill: {error.Result}");
        return seen;
    }

    private (int Code, string Out, string Err) InterruptAfterCheckpoint(string stream, string db)
    {
        using var process = _cli.StartBounded(Limit, ConsumeArguments(stream, db, "--limit", "7"));
        var error = process.StandardError.ReadToEndAsync();
        var output = new StringBuilder();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            output.AppendLine(line);
            if (line.StartsWith("checkpoint ", StringComparison.Ordinal))
            {
                CliProcess.Interrupt(process);
                output.Append(process.StandardOutput.ReadToEnd());
                break;
            }
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString(), error.Result);
    }

    private static int CheckpointLines(string output) => output.Split('\n').Count(l => l.StartsWith("checkpoint ", StringComparison.Ordinal));

    private StoreCounts Counts(string db)
    {
        using var connection = new DuckDBConnection(new DuckDBConnectionStringBuilder { DataSource = _cli.PathOf(db), ["access_mode"] = "READ_ONLY" }.ConnectionString);
        connection.Open();
        long Scalar(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        List<string> Column(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var values = new List<string>();
            while (reader.Read())
            {
                values.Add(reader.GetString(0));
            }

            return values;
        }

        return new StoreCounts(
            Scalar("SELECT count(*) FROM readings"),
            Scalar("SELECT count(*) FROM (SELECT DISTINCT pump_id, time FROM readings)"),
            Column("SELECT reason FROM quarantine ORDER BY reason"),
            Scalar("SELECT count(*) FROM windows"),
            Scalar("SELECT coalesce(sum(readings), 0)::BIGINT FROM windows"),
            Column("SELECT pump_id FROM alerts WHERE event = 'opened' ORDER BY pump_id, window_end"),
            Scalar("SELECT count(*) FROM shard_state"));
    }

    public void Dispose() => _cli.Dispose();
}
