namespace PumpWatch.Core.Evaluation;

/// <summary>
/// Whether a fault was detected: the first opened alert whose window overlaps the fault's interval (clipped to the
/// run); delay = that window's end - fault start; lead = fault end - that window's end (null for an open-ended fault).
/// </summary>
public sealed record FaultOutcome(FaultInterval Fault, long ClippedEnd, OpenedAlert? FirstAlert)
{
    public bool Detected => FirstAlert is not null;

    /// <summary>Minutes the fault was active within the run.</summary>
    public double ActiveMinutes => (ClippedEnd - Fault.Start) / 60e6;

    public double? DelayMinutes => FirstAlert is { } a ? (a.WindowEnd - Fault.Start) / 60e6 : null;

    public double? LeadMinutes => FirstAlert is { } a && !Fault.IsOpenEnded ? (Fault.End - a.WindowEnd) / 60e6 : null;
}
