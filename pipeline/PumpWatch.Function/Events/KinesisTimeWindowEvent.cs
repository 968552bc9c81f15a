namespace PumpWatch.Function.Events;

/// <summary>
/// The event Lambda sends for a Kinesis event source mapping with tumbling windows: the records of one batch, the
/// window they belong to (bounds from their arrival times), the state returned by the previous invoke of that window,
/// and whether this is the window's final invoke or the window was terminated early. Property names as in the AWS
/// Lambda developer guide, "Using Lambda with Kinesis" > tumbling windows, and aws/aws-lambda-dotnet's
/// <c>Amazon.Lambda.KinesisEvents.KinesisTimeWindowEvent</c>.
/// </summary>
public sealed class KinesisTimeWindowEvent
{
    public IReadOnlyList<KinesisEventRecord>? Records { get; init; }

    public TimeWindow? Window { get; init; }

    /// <summary>State built by the earlier invokes of this window (empty on its first invoke).</summary>
    public Dictionary<string, string>? State { get; init; }

    public string? ShardId { get; init; }

    public string? EventSourceARN { get; init; }

    /// <summary>True on the last invoke of the window; the next invoke starts a new window with a fresh state.</summary>
    public bool? IsFinalInvokeForWindow { get; init; }

    /// <summary>True when the window ended early (e.g. the state passed 1 MB); the next invoke continues it with a fresh state.</summary>
    public bool? IsWindowTerminatedEarly { get; init; }
}
