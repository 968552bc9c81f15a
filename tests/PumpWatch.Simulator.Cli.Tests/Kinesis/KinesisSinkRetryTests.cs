using System.Net;
using System.Net.Sockets;
using PumpWatch.Aws.Tests.Fakes;
using PumpWatch.Aws.Tests.Kinesis;

namespace PumpWatch.Simulator.Cli.Tests.Kinesis;

/// <summary>
/// <c>pumpwatch-sim --sink kinesis</c> against a scripted Kinesis (PumpWatch.Aws.Tests' fake server): throttled entries,
/// entries that never get in, and an endpoint nobody listens on.
/// </summary>
public sealed class KinesisSinkRetryTests
{
    private const string ActiveSummary = """
        {"StreamDescriptionSummary":{"StreamName":"pumps","StreamARN":"arn:aws:kinesis:us-east-1:000000000000:stream/pumps","StreamStatus":"ACTIVE",
        "RetentionPeriodHours":24,"StreamCreationTimestamp":1767225600,"EnhancedMonitoring":[],"OpenShardCount":1}}
        """;

    private static readonly string[] TenRecords = ["--pumps", "2", "--duration", "5s", "--seed", "3"];

    private static bool IsPut(FakeRequest request) => request.Header("X-Amz-Target") == "Kinesis_20131202.PutRecords";

    [Fact]
    public async Task Throttled_entries_are_resent_alone_and_the_closing_line_counts_them()
    {
        var puts = 0;
        await using var kinesis = new FakeAwsServer((request, _) => !IsPut(request)
            ? FakeResponse.Json(200, ActiveSummary)
            : Interlocked.Increment(ref puts) == 1
                ? PutRecordsScript.Answer(10, new Dictionary<int, string> { [0] = "ProvisionedThroughputExceededException", [3] = "ProvisionedThroughputExceededException" })
                : PutRecordsScript.Answer(PutRecordsScript.Entries(request).Count));

        var run = await SimulatorRun.RunAsync([.. TenRecords, "--sink", "kinesis", "--stream", "pumps", "--endpoint", kinesis.Url.ToString()]);

        Assert.True(run.ExitCode == 0, run.StandardError);
        var requests = kinesis.Requests.Where(IsPut).ToArray();
        Assert.Equal(2, requests.Length);
        var first = PutRecordsScript.Entries(requests[0]);
        Assert.Equal(10, first.Count); // 2 pumps x 5 s, one call
        Assert.Equal([first[0].Data, first[3].Data], PutRecordsScript.Entries(requests[1]).Select(e => e.Data));
        Assert.Contains(run.ErrorLines, l => l.StartsWith("pumpwatch-sim: kinesis stream 'pumps': 10 records in ", StringComparison.Ordinal)
            && l.EndsWith(", 2 PutRecords calls, 2 entries throttled, 2 resent, 0 not accepted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Entries_still_throttled_when_retries_run_out_end_the_run_with_exit_code_1_and_one_line()
    {
        // Every call throttles its first entry: the same record fails on each of the 5 attempts (AwsClientOptions.MaxAttempts).
        await using var kinesis = new FakeAwsServer((request, _) => !IsPut(request)
            ? FakeResponse.Json(200, ActiveSummary)
            : PutRecordsScript.Answer(PutRecordsScript.Entries(request).Count, new Dictionary<int, string> { [0] = "ProvisionedThroughputExceededException" }));

        var run = await SimulatorRun.RunAsync([.. TenRecords, "--sink", "kinesis", "--stream", "pumps", "--endpoint", kinesis.Url.ToString()]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(5, kinesis.Requests.Count(IsPut));
        Assert.Contains(run.ErrorLines, l => l.EndsWith(", 5 PutRecords calls, 5 entries throttled, 4 resent, 1 not accepted", StringComparison.Ordinal));
        Assert.Equal(
            "pumpwatch-sim: records not accepted by Kinesis stream 'pumps' after retries: 1 (last error ProvisionedThroughputExceededException: ProvisionedThroughputExceededException for entry 0)",
            run.ErrorLines[^1]);
        Assert.DoesNotContain(run.ErrorLines, l => l.StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_endpoint_nobody_listens_on_gives_one_line_naming_it_and_exit_code_1()
    {
        // A port that was free a moment ago: bound, read and released, so the connection is refused.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var run = await SimulatorRun.RunAsync([.. TenRecords, "--sink", "kinesis", "--stream", "pumps", "--endpoint", $"http://127.0.0.1:{port}/"]);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"pumpwatch-sim: cannot reach Kinesis at http://127.0.0.1:{port}/: ", line, StringComparison.Ordinal);
        Assert.Contains("refused", line, StringComparison.OrdinalIgnoreCase);
    }
}
