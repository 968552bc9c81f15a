using System.Diagnostics;

namespace PumpWatch.Simulator.Cli.Tests;

/// <summary>
/// One run of the built <c>pumpwatch-sim</c> in a child process, as a user runs it: exit code and both streams. The
/// AWS settings come from a clean environment (dummy keys, no profile or region, no instance metadata probe).
/// </summary>
internal sealed record SimulatorRun(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Longest a run may take before the test kills it and fails.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    public string[] ErrorLines => StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static async Task<SimulatorRun> RunAsync(params string[] arguments)
    {
        // dotnet test sets DOTNET_HOST_PATH to the host that runs it; the same host runs the command.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pumpwatch-sim.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_SESSION_TOKEN", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pumpwatch-sim {string.Join(' ', arguments)} ran longer than {Limit}: {await error}");
        }

        return new SimulatorRun(process.ExitCode, await output, await error);
    }
}
