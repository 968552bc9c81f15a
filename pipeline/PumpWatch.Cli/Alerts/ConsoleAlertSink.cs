using PumpWatch.Core.Alerts;

namespace PumpWatch.Cli.Alerts;

/// <summary>Prints each alert as text (<see cref="AlertFormatter.ToText"/>), first clearing a status line the host may have drawn.</summary>
internal sealed class ConsoleAlertSink(TextWriter output, Action clearStatus) : IAlertSink
{
    public string Name => "console";

    public ValueTask PublishAsync(Alert alert, CancellationToken cancellationToken)
    {
        clearStatus();
        output.WriteLine(AlertFormatter.ToText(alert));
        return ValueTask.CompletedTask;
    }

    /// <summary>The writer is the host's (standard output): flushed, not closed.</summary>
    public ValueTask DisposeAsync() => new(output.FlushAsync());
}
