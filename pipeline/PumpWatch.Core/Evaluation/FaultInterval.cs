namespace PumpWatch.Core.Evaluation;

/// <summary>
/// A labelled fault: the pump, what it was (a fault kind or a label's name), the sensor for sensor faults, and the
/// interval [Start, End) in microseconds since the epoch; <see cref="long.MaxValue"/> as End means still open.
/// <see cref="RampEnd"/>, when the label says, is when the fault reached full severity: equal to Start for an abrupt
/// fault, later for a gradual one, null when unknown.
/// </summary>
public sealed record FaultInterval(string PumpId, string Kind, string? Sensor, long Start, long End, long? RampEnd = null)
{
    public bool IsOpenEnded => End == long.MaxValue;

    /// <summary><c>abrupt</c> (no ramp), <c>gradual</c>, or <c>unknown</c> when the label gives no ramp.</summary>
    public string Onset => RampEnd is not { } r ? "unknown" : r > Start ? "gradual" : "abrupt";

    public bool Overlaps(string pumpId, long start, long end) => PumpId == pumpId && Start < end && start < End;
}
