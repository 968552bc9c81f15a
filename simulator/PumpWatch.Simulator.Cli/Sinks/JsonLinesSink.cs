using PumpWatch.Simulator;

namespace PumpWatch.Simulator.Cli.Sinks;

/// <summary>The default sink: one JSON line per message to a file or standard output.</summary>
internal sealed class JsonLinesSink(TextWriter writer, bool ownsWriter) : IReadingSink
{
    public async ValueTask WriteAsync(SimulatedRecord record, CancellationToken cancellationToken) =>
        await writer.WriteLineAsync(record.ToLine().AsMemory(), cancellationToken).ConfigureAwait(false);

    public async ValueTask FlushAsync(CancellationToken cancellationToken) => await writer.FlushAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask CompleteAsync(CancellationToken cancellationToken) => await writer.FlushAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (ownsWriter)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }
    }
}
