using System.Threading.Channels;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Processing;

namespace PumpWatch.Cli.Alerts;

/// <summary>
/// Takes the pipeline's alerts (synchronously, as a <see cref="DetectionSink"/>) and hands each to every
/// <see cref="IAlertSink"/> in order, in the order they came. The host picks when delivery runs:
/// <see cref="DeliverPendingAsync"/> between batches keeps console output in step with the host's own lines (demo);
/// <see cref="RunAsync"/> delivers alongside a synchronous replay until <see cref="Complete"/> (backtest). An alert a
/// sink cannot deliver is one warning line naming sink and alert, and counted; the other sinks and later alerts go on.
/// </summary>
internal sealed class AlertDispatcher(IReadOnlyList<IAlertSink> sinks, TextWriter warnings) : DetectionSink, IAsyncDisposable
{
    private readonly Channel<Alert> _queue = Channel.CreateUnbounded<Alert>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Deliveries that failed (one alert to one sink each).</summary>
    public int Failed { get; private set; }

    public override void OnAlert(Alert alert)
    {
        var queued = _queue.Writer.TryWrite(alert);
        System.Diagnostics.Debug.Assert(queued, "alerts arrive only before Complete");
    }

    /// <summary>Delivers the alerts queued so far; completes at once when there are none.</summary>
    public async ValueTask DeliverPendingAsync(CancellationToken cancellationToken)
    {
        while (_queue.Reader.TryRead(out var alert))
        {
            await DeliverAsync(alert, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Delivers alerts as they come until <see cref="Complete"/> has been called and the queue is empty.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var alert in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await DeliverAsync(alert, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>No more alerts will come: <see cref="RunAsync"/> ends once it has delivered the rest.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>One line on the warnings writer when any delivery failed, and whether one did.</summary>
    public bool ReportFailures()
    {
        if (Failed > 0)
        {
            warnings.WriteLine($"pumpwatch: {Failed} alert deliver{(Failed == 1 ? "y" : "ies")} failed (see the warnings above)");
        }

        return Failed > 0;
    }

    private async ValueTask DeliverAsync(Alert alert, CancellationToken cancellationToken)
    {
        foreach (var sink in sinks)
        {
            try
            {
                await sink.PublishAsync(alert, cancellationToken).ConfigureAwait(false);
            }
            catch (AlertDeliveryException e)
            {
                Failed++;
                await warnings.WriteLineAsync($"pumpwatch: warning: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Complete();
        foreach (var sink in sinks)
        {
            await sink.DisposeAsync().ConfigureAwait(false);
        }
    }
}
