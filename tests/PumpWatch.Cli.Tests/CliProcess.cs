using System.Diagnostics;

namespace PumpWatch.Cli.Tests;

/// <summary>Runs the built pumpwatch command as a real process in a temporary folder.</summary>
internal sealed class CliProcess : IDisposable
{
    public CliProcess() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "pumpwatch-tests-" + Guid.NewGuid().ToString("N"));

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Environment variables set for every command started, on top of the test run's own.</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public (int Code, string Out, string Err) Run(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }

    /// <summary>Starts the command with redirected output; the caller reads, signals and waits.</summary>
    public Process Start(params string[] args) => Start(null, args);

    /// <summary>
    /// Starts the command under coreutils' <c>timeout</c>, which ends it after <paramref name="limit"/> even when this test
    /// process dies first (a server must not outlive the run), relays SIGINT to it as Ctrl+C would, and kills it if it
    /// still runs 60 s after either.
    /// </summary>
    public Process StartBounded(TimeSpan limit, params string[] args) => Start(limit, args);

    private Process Start(TimeSpan? limit, string[] args)
    {
        var info = new ProcessStartInfo(limit is null ? "dotnet" : "timeout") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        if (limit is { } bound)
        {
            foreach (var a in new[] { "--kill-after=60", ((int)bound.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), "dotnet" })
            {
                info.ArgumentList.Add(a);
            }
        }

        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pumpwatch.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        // Dummy keys for commands that sign requests to local servers, whatever the test runner's own environment has
        // (test.sh sets them; a bare `dotnet test` may not); a test that needs none clears them through Environment.
        info.Environment["AWS_ACCESS_KEY_ID"] = "dummy";
        info.Environment["AWS_SECRET_ACCESS_KEY"] = "dummy";
        foreach (var (name, value) in Environment)
        {
            info.Environment[name] = value;
        }

        return Process.Start(info)!;
    }

    /// <summary>Sends SIGINT (Ctrl+C) to a process started here.</summary>
    public static void Interrupt(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
