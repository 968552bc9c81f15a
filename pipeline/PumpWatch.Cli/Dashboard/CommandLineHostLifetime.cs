using Microsoft.Extensions.Hosting;

namespace PumpWatch.Cli.Dashboard;

/// <summary>
/// A host lifetime that leaves the process's signals alone: the default one would take Ctrl+C and SIGTERM for the web
/// host, so a demo would lose its dashboard but keep running. The command that hosts the server stops it instead.
/// </summary>
internal sealed class CommandLineHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
