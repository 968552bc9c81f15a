namespace PumpWatch.Function.Events;

/// <summary>
/// What the function returns for a tumbling-window invoke: the state for the window's next invoke (required: a response
/// without it counts as a failed invocation) and the records that failed, by sequence number (Lambda retries from the
/// first of them; an empty list means the whole batch succeeded).
/// </summary>
public sealed class KinesisTimeWindowResponse
{
    public required Dictionary<string, string> State { get; init; }

    public required IReadOnlyList<BatchItemFailure> BatchItemFailures { get; init; }
}
