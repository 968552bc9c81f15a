namespace PumpWatch.Function.Events;

/// <summary>A tumbling window's bounds as the event carries them (ISO 8601 UTC, end exclusive).</summary>
public sealed class TimeWindow
{
    public DateTimeOffset Start { get; init; }

    public DateTimeOffset End { get; init; }
}
