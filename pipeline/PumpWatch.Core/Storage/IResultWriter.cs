using PumpWatch.Core.Processing;

namespace PumpWatch.Core.Storage;

/// <summary>
/// The write side of a store: the pipeline hands it readings, windows, alerts and quarantined records through the sink
/// calls (which only buffer), and <see cref="FlushAsync"/> makes them durable in batches. Writes are idempotent: the
/// same window (pump, start, end) or alert event (id, event, window end) written again replaces the earlier row, so a
/// host that re-processes a batch after a failure leaves one row per window and per alert event.
/// </summary>
public interface IResultWriter : IDetectionSink
{
    /// <summary>Makes everything written so far durable and visible to the store's readers; a write failure surfaces here.</summary>
    Task FlushAsync(CancellationToken cancel = default);
}
