using System.Text;
using System.Text.Json;
using PumpWatch.Aws.Kinesis;
using PumpWatch.Aws.Kinesis.Model;
using PumpWatch.Aws.Tests;
using PumpWatch.Aws.Tests.Kinesalite;
using Record = PumpWatch.Aws.Kinesis.Model.Record;

namespace PumpWatch.Simulator.Cli.Tests.Kinesis;

/// <summary><c>pumpwatch-sim --sink kinesis</c> against kinesalite: what the simulator sends is what a reader of every shard gets.</summary>
[Collection(SimulatorKinesaliteCollection.Name)]
public sealed class KinesisSinkTests(KinesaliteServer server) : IDisposable
{
    private readonly HttpClient _http = Clients.Http();

    public void Dispose() => _http.Dispose();

    [KinesaliteFact]
    public async Task Every_record_sent_is_read_back_from_the_shards_byte_for_byte_under_its_pumps_partition_key()
    {
        var client = Clients.Kinesis(_http, Clients.Options(server.Url));
        var stream = $"sim-{Guid.NewGuid():N}";
        await KinesaliteStreams.CreateActiveStreamAsync(client, stream, shards: 3);
        // 7 pumps x 180 s at 1 Hz = 1260 records, 2% malformed (those too go under their pump's key).
        var simulation = new ExpectedRecords(Pumps: 7, Duration: TimeSpan.FromSeconds(180), Seed: 11, MalformedRate: 0.02);

        var run = await SimulatorRun.RunAsync([.. simulation.Arguments, "--sink", "kinesis", "--stream", stream, "--endpoint", server.Url.ToString()]);

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Equal("", run.StandardOutput);
        // 1260 records in calls of at most 500: 500 + 500 + 260.
        Assert.Contains(run.ErrorLines, l => l.StartsWith($"pumpwatch-sim: kinesis stream '{stream}': 1260 records in ", StringComparison.Ordinal)
            && l.EndsWith(", 3 PutRecords calls, 0 entries throttled, 0 resent, 0 not accepted", StringComparison.Ordinal));
        var received = new List<Record>();
        foreach (var shard in await client.ListAllShardsAsync(stream))
        {
            received.AddRange(await KinesaliteStreams.ReadShardAsync(client, stream, shard.ShardId, ShardIteratorType.TrimHorizon));
        }

        var expected = simulation.Records();
        Assert.Equal(1260, expected.Count);
        Assert.Contains(expected, r => r.Malformed);
        // Per pump, in order: a pump's records share a shard, and Kinesis keeps a shard's records in arrival order.
        var sentByPump = expected.GroupBy(r => r.PumpId).ToDictionary(g => g.Key, g => g.Select(r => r.Line).ToArray());
        var receivedByPump = received.GroupBy(r => r.PartitionKey).ToDictionary(g => g.Key, g => g.Select(r => r.Data).ToArray());
        Assert.Equal(sentByPump.Keys.Order(), receivedByPump.Keys.Order());
        foreach (var (pump, lines) in sentByPump)
        {
            Assert.Equal(lines.Select(Encoding.UTF8.GetBytes), receivedByPump[pump]);
        }

        // The key of each well-formed record is the pump_id inside it, read here independently of the sink.
        var wellFormed = expected.Where(r => !r.Malformed).Select(r => r.Line).ToHashSet(StringComparer.Ordinal);
        foreach (var record in received.Where(r => wellFormed.Contains(Encoding.UTF8.GetString(r.Data))))
        {
            using var json = JsonDocument.Parse(record.Data);
            Assert.Equal(json.RootElement.GetProperty("pump_id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), record.PartitionKey);
        }
    }

    [KinesaliteFact]
    public async Task A_stream_that_does_not_exist_stops_the_run_with_one_line_naming_it_and_exit_code_1()
    {
        var run = await SimulatorRun.RunAsync("--duration", "60s", "--sink", "kinesis", "--stream", "no-such-stream", "--endpoint", server.Url.ToString());

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Equal($"pumpwatch-sim: Kinesis stream 'no-such-stream' does not exist at {server.Url} (ResourceNotFoundException)", line);
        Assert.Equal("", run.StandardOutput);
    }
}
