namespace PumpWatch.Core.Alerts;

/// <summary>An alert that a sink could not deliver, with the sink and the alert named in the message (one line).</summary>
public sealed class AlertDeliveryException : Exception
{
    public AlertDeliveryException()
    {
    }

    public AlertDeliveryException(string message)
        : base(message)
    {
    }

    public AlertDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>"alert {id} not delivered to {sink}: {reason}".</summary>
    public AlertDeliveryException(IAlertSink sink, Alert alert, string reason, Exception? innerException = null)
        : base($"alert {alert?.AlertId} not delivered to {sink?.Name}: {reason}", innerException)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(alert);
        Sink = sink.Name;
        AlertId = alert.AlertId;
    }

    /// <summary>The sink's <see cref="IAlertSink.Name"/>.</summary>
    public string Sink { get; } = "";

    /// <summary>The undelivered alert's <see cref="Alert.AlertId"/>.</summary>
    public string AlertId { get; } = "";
}
