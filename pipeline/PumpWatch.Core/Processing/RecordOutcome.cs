using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Processing;

/// <summary>How one record of a batch ended: accepted, duplicate, or quarantined with its reason and detail.</summary>
public readonly record struct RecordOutcome(string RecordId, ReadingStatus Status, QuarantineReason Reason, string? Detail);
