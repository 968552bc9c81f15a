using System.Diagnostics;
using System.Globalization;

namespace PumpWatch.Aws.Tests.Kinesalite;

/// <summary>
/// kinesalite (npm) in a Node child process on 127.0.0.1 and a port it picks, in memory. The script exits when
/// its stdin closes, so it cannot outlive the test process; Dispose also kills it.
/// </summary>
public sealed class KinesaliteServer : IAsyncLifetime
{
    private Process? _node;

    public Uri Url { get; private set; } = new("http://127.0.0.1:0/");

    public async Task InitializeAsync()
    {
        if (!TestServers.Installed)
        {
            if (TestServers.InCi)
            {
                throw new InvalidOperationException($"kinesalite is not installed in {TestServers.Directory}; .ci/run must install it (npm ci)");
            }

            return; // Every test using this fixture is skipped with KinesaliteFact's message.
        }

        var start = new ProcessStartInfo("node", "kinesalite.js")
        {
            WorkingDirectory = TestServers.Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _node = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await _node.StandardOutput.ReadLineAsync(timeout.Token);
        if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            var error = await _node.StandardError.ReadToEndAsync(timeout.Token);
            throw new InvalidOperationException($"kinesalite did not print its port: '{line}' {error}");
        }

        Url = new Uri($"http://127.0.0.1:{port}/");
    }

    public Task DisposeAsync() => _node is null ? Task.CompletedTask : NodeChildProcess.StopAsync(_node);
}
