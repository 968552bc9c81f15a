using System.Diagnostics;
using System.Text;

namespace PumpWatch.Lambda.Tests.Process;

/// <summary>
/// The real <c>bootstrap</c> as a child process: the Lambda project's apphost, which the build copies next to these
/// tests (JIT, framework-dependent; the Native AOT publish of the same Main takes minutes, too slow for every run).
/// Standard error is collected; Dispose kills the process if it is still running. Environment variables the
/// bootstrap reads are set only as the test gives them, never inherited.
/// </summary>
internal sealed class BootstrapProcess : IAsyncDisposable
{
    private static readonly string[] Inherited = ["AWS_LAMBDA_RUNTIME_API", "PUMPWATCH_CANCEL_BEFORE_DEADLINE_MS", "_X_AMZN_TRACE_ID"];

    private readonly System.Diagnostics.Process _process;
    private readonly StringBuilder _stderr = new();

    private BootstrapProcess(System.Diagnostics.Process process)
    {
        _process = process;
    }

    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "bootstrap");

    public bool HasExited => _process.HasExited;

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static BootstrapProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in Inherited)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException($"could not start {Path}");
        var bootstrap = new BootstrapProcess(process);
        process.ErrorDataReceived += (_, line) =>
        {
            lock (bootstrap._stderr)
            {
                bootstrap._stderr.AppendLine(line.Data);
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return bootstrap;
    }

    /// <summary>The exit code, when the process ends by itself within <paramref name="timeout"/>.</summary>
    public async Task<int> ExitedWithinAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(limit.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(limit.Token);
        }
        finally
        {
            _process.Dispose();
        }
    }
}
