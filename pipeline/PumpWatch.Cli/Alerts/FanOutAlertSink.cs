using PumpWatch.Core.Alerts;

namespace PumpWatch.Cli.Alerts;

/// <summary>
/// Several sinks behind the one <see cref="IAlertSink"/> the window function takes: each alert goes to every sink in
/// order; a sink that fails does not stop the others, and the failures come back as one <see cref="AlertDeliveryException"/>.
/// </summary>
internal sealed class FanOutAlertSink(IReadOnlyList<IAlertSink> sinks) : IAlertSink
{
    public string Name => string.Join(", ", sinks.Select(s => s.Name));

    public async ValueTask PublishAsync(Alert alert, CancellationToken cancellationToken)
    {
        List<string>? failures = null;
        foreach (var sink in sinks)
        {
            try
            {
                await sink.PublishAsync(alert, cancellationToken).ConfigureAwait(false);
            }
            catch (AlertDeliveryException e)
            {
                (failures ??= []).Add(e.Message);
            }
        }

        if (failures is not null)
        {
            throw new AlertDeliveryException(string.Join("; ", failures));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sink in sinks)
        {
            await sink.DisposeAsync().ConfigureAwait(false);
        }
    }
}
