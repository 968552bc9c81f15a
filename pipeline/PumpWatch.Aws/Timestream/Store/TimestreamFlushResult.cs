namespace PumpWatch.Aws.Timestream.Store;

/// <summary>
/// What one flush of <see cref="TimestreamResultWriter"/> did: rows written, rows the service already held with the same
/// version (a retried write), rows refused (reported, not retried, not thrown) and WriteRecords calls made.
/// </summary>
public sealed record TimestreamFlushResult(int Written, int AlreadyStored, IReadOnlyList<RejectedRow> Rejected, int Calls);
