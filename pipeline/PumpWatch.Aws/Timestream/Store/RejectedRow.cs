namespace PumpWatch.Aws.Timestream.Store;

/// <summary>
/// A row Timestream did not take during a flush: its table, pump (null when unknown), record time (microseconds: the
/// reading's time, the window's start, the alert's window end, the quarantine arrival stamp), the reason, and the stored
/// version when a newer computation of the same row is already there.
/// </summary>
public sealed record RejectedRow(string Table, string? PumpId, long Time, string Reason, long? ExistingVersion);
