namespace PumpWatch.Core.Evaluation;

/// <summary>
/// A labelled fault: the pump, what it was (a fault kind or a label's name), the sensor for sensor faults, and the
/// interval [Start, End) in microseconds since the epoch; <see cref="long.MaxValue"/> as End means still open.
/// </summary>
public sealed record FaultInterval(string PumpId, string Kind, string? Sensor, long Start, long End)
{
    public bool IsOpenEnded => End == long.MaxValue;

    public bool Overlaps(string pumpId, long start, long end) => PumpId == pumpId && Start < end && start < End;
}
