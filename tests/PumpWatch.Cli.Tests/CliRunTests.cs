using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using PumpWatch.Aws.Configuration;
using PumpWatch.Aws.DynamoDb;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.S3;
using PumpWatch.Cli.Store;

namespace PumpWatch.Cli.Tests;

/// <summary>
/// What a verb prints when a store cannot answer: the store's own one-line message and exit code 2, never a stack trace.
/// Each case drives a real store into its failure (an empty folder, a port nothing listens on), not a hand-made exception.
/// </summary>
public sealed class CliRunTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pumpwatch-clirun-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static async Task<string> AssertOneLineAsync(Func<Task<int>> verb)
    {
        using var error = new StringWriter();

        var code = await CliRun.Guard(verb, error);

        Assert.Equal(2, code);
        var line = Assert.Single(error.ToString().Trim().Split('\n'));
        Assert.StartsWith("pumpwatch: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
        return line;
    }

    /// <summary>A loopback address whose port was free a moment ago: a connection there is refused.</summary>
    private static Uri Unreachable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    private static AwsClientOptions OneAttempt(Uri url) =>
        new("us-east-1", new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")) { ServiceUrl = url, MaxAttempts = 1 };

    [Fact]
    public async Task A_model_folder_without_a_model_is_one_line_naming_the_pointer()
    {
        var store = new FolderModelStore(_folder);

        var line = await AssertOneLineAsync(async () => (await store.LoadLatestAsync()).Model.Threshold.Value > 0 ? 0 : 1);

        Assert.Contains("no latest pointer", line, StringComparison.Ordinal);
        Assert.Contains(_folder, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_S3_model_store_that_cannot_be_reached_is_one_line_naming_the_bucket()
    {
        using var s3 = OfficialClients.S3(OneAttempt(Unreachable()));
        var store = new S3ModelStore(s3, new S3ModelStoreOptions("pump-models", "fleet-a"));

        var line = await AssertOneLineAsync(async () => (await store.LoadLatestAsync()).Model.Threshold.Value > 0 ? 0 : 1);

        Assert.Contains("s3://pump-models/fleet-a/", line, StringComparison.Ordinal);
        Assert.Contains("could not be reached", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_alert_state_table_that_cannot_be_reached_is_one_line_naming_the_table()
    {
        var options = OneAttempt(Unreachable());
        using var dynamo = OfficialClients.DynamoDb(options);
        var store = new DynamoDbAlertStateStore(dynamo, new DynamoDbAlertStateOptions("pump-alert-state"), new AwsRetryPolicy(options, new Random(7)), TimeProvider.System);

        var line = await AssertOneLineAsync(async () => (await store.ReadAsync(["p-1"])).Count);

        Assert.Contains("pump-alert-state", line, StringComparison.Ordinal);
    }
}
