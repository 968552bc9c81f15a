namespace PumpWatch.Core.Readings;

/// <summary>Result of decoding one record: valid, or the reason and a one-line detail for quarantine.</summary>
public readonly record struct ParseOutcome(QuarantineReason Reason, string? Detail)
{
    public static ParseOutcome Valid => default;

    public bool IsValid => Reason == QuarantineReason.None;
}
