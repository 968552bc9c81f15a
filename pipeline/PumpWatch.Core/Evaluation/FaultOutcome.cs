namespace PumpWatch.Core.Evaluation;

/// <summary>
/// Whether a fault was detected: the first opened alert whose window overlaps the fault's interval (clipped to the
/// run); delay = that window's end - fault start; lead = fault end - that window's end (null for an open-ended fault);
/// for a gradual fault, the delay as a share of its ramp (0.25: found a quarter of the way to full severity; above 1:
/// found after full severity was reached).
/// </summary>
public sealed record FaultOutcome(FaultInterval Fault, long ClippedEnd, OpenedAlert? FirstAlert)
{
    public bool Detected => FirstAlert is not null;

    /// <summary>Minutes the fault was active within the run.</summary>
    public double ActiveMinutes => (ClippedEnd - Fault.Start) / 60e6;

    public double? DelayMinutes => FirstAlert is { } a ? (a.WindowEnd - Fault.Start) / 60e6 : null;

    public double? LeadMinutes => FirstAlert is { } a && !Fault.IsOpenEnded ? (Fault.End - a.WindowEnd) / 60e6 : null;

    /// <summary>Delay / ramp for a detected gradual fault; null for an abrupt, undetected or unknown-onset one.</summary>
    public double? RampShare => FirstAlert is { } a && Fault.RampEnd is { } r && r > Fault.Start ? (a.WindowEnd - Fault.Start) / (double)(r - Fault.Start) : null;
}
