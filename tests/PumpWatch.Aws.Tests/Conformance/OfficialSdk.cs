using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PumpWatch.Aws.Tests.LocalServers;

namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>
/// The official AWS SDK for JavaScript v3 in one long-lived Node process (servers/official-sdk.js), fed one call per
/// stdin line. One process for the whole run rather than one per call, measured on this 2-core machine under load:
/// ten GetShardIterator calls took 12.1 s as ten processes (Node start and loading the client each time), 2.3 s as ten
/// lines to one process. The script exits when its stdin closes or when this test process is gone (it polls our
/// process id), so it cannot outlive the run; Dispose also kills it after a grace period.
/// </summary>
public sealed class OfficialSdk : IAsyncLifetime
{
    /// <summary>The npm packages the script loads (pinned in servers/package.json).</summary>
    public static readonly IReadOnlyList<string> Packages =
    [
        "@aws-sdk/client-kinesis", "@aws-sdk/client-timestream-write", "@aws-sdk/client-timestream-query", "@aws-sdk/client-sns",
        "@smithy/node-http-handler",
    ];

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly StringBuilder _stderr = new();
    private Process? _node;
    private int _nextId;

    /// <summary>Null when every package is installed (or under CI, which must fail instead), else why the tests skip.</summary>
    public static string? SkipReason => Packages.Select(TestServers.SkipReasonFor).FirstOrDefault(r => r is not null);

    public Task InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return Task.CompletedTask; // Every test using this fixture is skipped with the reason.
        }

        var missing = Packages.FirstOrDefault(p => !TestServers.IsInstalled(p));
        if (missing is not null)
        {
            throw new InvalidOperationException($"{missing} is not installed in {TestServers.Directory}; .ci/run must install it (npm ci)");
        }

        _node = Start(Environment.ProcessId);
        // Drained as it comes, so a chatty stderr cannot fill its pipe and stall the script; shown when a call fails.
        _node.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _node.BeginErrorReadLine();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Starts servers/official-sdk.js watching <paramref name="parentProcessId"/>. The child gets no AWS settings from
    /// this machine (no AWS_* variables, no shared config or credentials file): an endpoint_url or region there would
    /// change what the SDK sends.
    /// </summary>
    internal static Process Start(int parentProcessId)
    {
        // --no-warnings: the SDK's notice that later versions need Node 22 says nothing about the request.
        var start = new ProcessStartInfo("node", ["--no-warnings", "official-sdk.js", parentProcessId.ToString(CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = TestServers.Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        var nowhere = Path.Combine(TestServers.Directory, "no-such-aws-config");
        start.Environment["AWS_CONFIG_FILE"] = nowhere;
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = nowhere;
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        return Process.Start(start) ?? throw new InvalidOperationException("could not start node");
    }

    /// <summary>
    /// Sends <paramref name="input"/> (tagged as <see cref="ShapeJson"/> writes it) as <paramref name="client"/>'s
    /// <paramref name="command"/> to the capture server at <paramref name="url"/>.
    /// </summary>
    internal async Task<OfficialSdkOutcome> SendAsync(string client, string command, JsonNode? input, Uri url)
    {
        var node = _node ?? throw new InvalidOperationException("the official SDK process is not running (packages missing?)");
        await _gate.WaitAsync();
        try
        {
            var id = ++_nextId;
            var line = new JsonObject
            {
                ["id"] = id,
                ["client"] = client,
                ["command"] = command,
                ["input"] = input?.DeepClone() ?? new JsonObject(),
                ["url"] = url.ToString(),
                ["region"] = ConformanceCredentials.Region,
                ["credentials"] = new JsonObject
                {
                    ["accessKeyId"] = ConformanceCredentials.AccessKey,
                    ["secretAccessKey"] = ConformanceCredentials.SecretKey,
                    ["sessionToken"] = ConformanceCredentials.SessionToken,
                },
            };
            await node.StandardInput.WriteLineAsync(line.ToJsonString());
            await node.StandardInput.FlushAsync();
            using var timeout = new CancellationTokenSource(CallTimeout);
            var answer = await node.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"official-sdk.js exited during {client}.{command}: {Stderr(node)}");
            return Parse(answer, id, client, command);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static OfficialSdkOutcome Parse(string answer, int id, string client, string command)
    {
        var reply = JsonNode.Parse(answer)!.AsObject();
        if (reply["id"]?.GetValue<int>() != id)
        {
            throw new InvalidOperationException($"official-sdk.js answered out of turn: expected id {id}, got {answer}");
        }

        if (reply["failure"] is { } failure)
        {
            throw new InvalidOperationException($"official-sdk.js could not send {client}.{command}: {failure.GetValue<string>()}");
        }

        if (reply["error"] is JsonObject error)
        {
            var metadata = error["metadata"]!.AsObject();
            return new OfficialSdkOutcome(null, new OfficialSdkError(
                error["name"]!.GetValue<string>(),
                error["code"]!.GetValue<string>(),
                error["message"]?.GetValue<string>() ?? "",
                error["fault"]?.GetValue<string>() ?? "",
                metadata["httpStatusCode"]!.GetValue<int>(),
                metadata["requestId"]?.GetValue<string>(),
                (JsonObject)error["members"]!.DeepClone()));
        }

        return new OfficialSdkOutcome((JsonObject)reply["output"]!.DeepClone(), null);
    }

    private string Stderr(Process node)
    {
        node.WaitForExit(TimeSpan.FromSeconds(5)); // let the last stderr lines arrive
        lock (_stderr)
        {
            return _stderr.ToString();
        }
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await NodeChildProcess.StopAsync(_node);
        }

        _gate.Dispose();
    }
}
