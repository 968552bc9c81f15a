namespace PumpWatch.Core.Alerts;

/// <summary>
/// Somewhere alerts go once the pipeline has decided them: the console, a JSON lines file, a webhook, an SNS topic.
/// A sink sends each alert as it is given, in order; one that cannot deliver an alert throws
/// <see cref="AlertDeliveryException"/> naming what failed, and stays usable for the next. Disposing releases what the
/// sink holds (a file, a connection) once everything given to it has been delivered.
/// </summary>
public interface IAlertSink : IAsyncDisposable
{
    /// <summary>A short name of where alerts go, for messages: <c>console</c>, <c>jsonl:alerts.jsonl</c>, <c>webhook:https://...</c>.</summary>
    string Name { get; }

    /// <summary>Delivers <paramref name="alert"/>; done when the destination has it (written, or answered 2xx).</summary>
    ValueTask PublishAsync(Alert alert, CancellationToken cancellationToken);
}
