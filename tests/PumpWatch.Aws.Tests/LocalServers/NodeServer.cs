using System.Diagnostics;
using System.Globalization;

namespace PumpWatch.Aws.Tests.LocalServers;

/// <summary>
/// A local AWS API server (an npm package) in a Node child process, started from a script in the servers folder that
/// listens on 127.0.0.1 and a port it picks and prints that port as its first line. The scripts share harness.js: they
/// exit when their stdin closes or their parent is gone, so none outlives the test process; Dispose also kills it.
/// </summary>
public abstract class NodeServer : IAsyncLifetime
{
    private readonly string _package;
    private readonly string _script;
    private Process? _node;

    /// <param name="package">The npm package the script runs (checked before starting; missing means skip, or fail in CI).</param>
    /// <param name="script">The script in the servers folder.</param>
    protected NodeServer(string package, string script)
    {
        _package = package;
        _script = script;
    }

    public Uri Url { get; private set; } = new("http://127.0.0.1:0/");

    /// <summary>Arguments after the script name.</summary>
    protected virtual IEnumerable<string> Arguments => [];

    public virtual async Task InitializeAsync()
    {
        if (!TestServers.IsInstalled(_package))
        {
            if (TestServers.InCi)
            {
                throw new InvalidOperationException($"{_package} is not installed in {TestServers.Directory}; .ci/run must install it (npm ci)");
            }

            return; // Every test using this fixture is skipped with its fact attribute's message.
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = TestServers.Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(_script);
        foreach (var argument in Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _node = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await _node.StandardOutput.ReadLineAsync(timeout.Token);
        if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            var error = await _node.StandardError.ReadToEndAsync(timeout.Token);
            throw new InvalidOperationException($"{_script} did not print its port: '{line}' {error}");
        }

        Url = new Uri($"http://127.0.0.1:{port}/");
    }

    public virtual Task DisposeAsync() => _node is null ? Task.CompletedTask : NodeChildProcess.StopAsync(_node);
}
