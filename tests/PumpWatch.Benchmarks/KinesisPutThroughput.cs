using System.Diagnostics;
using System.Globalization;
using System.Text;
using Amazon.Runtime;
using PumpWatch.Aws.Configuration;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Kinesis;
using PumpWatch.Aws.Kinesis.Model;

namespace PumpWatch.Benchmarks;

/// <summary>
/// PutRecords throughput through <see cref="KinesisPutBatcher"/> against a Kinesis endpoint (kinesalite from
/// kinesis-throughput.sh): a timed run, not a BenchmarkDotNet benchmark, since the server dominates.
/// Arguments: endpoint URL, records, shards, records per PutAsync call (at most 500 go in one PutRecords).
/// </summary>
internal static class KinesisPutThroughput
{
    public static async Task RunAsync(string[] args)
    {
        var url = new Uri(args[0]);
        var records = int.Parse(args[1], CultureInfo.InvariantCulture);
        var shards = int.Parse(args[2], CultureInfo.InvariantCulture);
        var chunk = int.Parse(args[3], CultureInfo.InvariantCulture);
        var options = new AwsClientOptions("us-east-1", new BasicAWSCredentials("local", "local")) { ServiceUrl = url };
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var retry = new AwsRetryPolicy(options, new Random(1));
        var client = new KinesisClient(http, options, retry, TimeProvider.System);
        var stream = $"throughput-{shards}-{chunk}";
        await client.CreateStreamAsync(new CreateStreamRequest(stream) { ShardCount = shards });
        while ((await client.DescribeStreamSummaryAsync(new DescribeStreamSummaryRequest { StreamName = stream })).StreamDescriptionSummary.StreamStatus != StreamStatus.Active)
        {
            await Task.Delay(50);
        }

        var entries = Enumerable.Range(0, records).Select(i => KinesisPutBatcher.ForReading(
            $"pump-{i % 50:00}",
            Encoding.UTF8.GetBytes($$"""{"pump_id":"pump-{{i % 50:00}}","timestamp":"2026-01-01T00:00:00Z","temperature":71.5,"pressure":300.2,"flow_rate":640.0,"vibration":1.9}"""))).ToArray();
        var batcher = new KinesisPutBatcher(client, retry);
        await batcher.PutAsync(stream, entries[..Math.Min(1000, records)]); // warm-up: JIT, connection, signer
        var watch = Stopwatch.StartNew();
        var written = 0;
        var calls = 0;
        for (var start = 0; start < records; start += chunk)
        {
            var result = await batcher.PutAsync(stream, entries[start..Math.Min(records, start + chunk)]);
            written += result.Succeeded;
            calls += result.Calls;
        }

        watch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {written} records ({entries[0].Data.Length} B each) in {calls} PutRecords calls, {shards} shard(s): {watch.Elapsed.TotalSeconds:F2} s, {written / watch.Elapsed.TotalSeconds:F0} records/s"));
    }
}
