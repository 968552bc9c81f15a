namespace PumpWatch.Core.Alerts;

/// <summary>An alert-state store cannot answer: missing table, refused or throttled calls that outlasted their retries. The message is one line naming the store.</summary>
public sealed class AlertStateStoreException : Exception
{
    public AlertStateStoreException()
    {
    }

    public AlertStateStoreException(string message)
        : base(message)
    {
    }

    public AlertStateStoreException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
