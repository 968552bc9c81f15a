using PumpWatch.Simulator;

namespace PumpWatch.Simulator.Cli.Sinks;

/// <summary>
/// Where the simulator's messages go: JSON lines, a Kinesis stream or AWS IoT Core. The command writes every record,
/// flushes before a paced run waits, and completes once at the end; a sink that cannot go on throws
/// <see cref="SinkFailedException"/> with one line for the user.
/// </summary>
internal interface IReadingSink : IAsyncDisposable
{
    /// <summary>Takes one message; a sink may hold it until a batch is full or the next flush.</summary>
    ValueTask WriteAsync(SimulatedRecord record, CancellationToken cancellationToken);

    /// <summary>Delivers what was written so far, so that a paced run's consumer sees it before the simulator waits.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken);

    /// <summary>Delivers the rest and prints the sink's closing line; throws when messages were lost.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);
}
