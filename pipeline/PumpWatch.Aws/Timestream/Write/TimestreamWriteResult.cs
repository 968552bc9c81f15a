namespace PumpWatch.Aws.Timestream.Write;

/// <summary>
/// What <see cref="TimestreamWriteBatcher.WriteAsync"/> did: records written, records the service already held with the
/// same version (an idempotent retry: written before), records refused (with where they were in the input and why,
/// ordered by group then index), and the WriteRecords calls made.
/// </summary>
public sealed record TimestreamWriteResult(int Written, int AlreadyStored, IReadOnlyList<RejectedWrite> Rejected, int Calls)
{
    public static TimestreamWriteResult Empty { get; } = new(0, 0, [], 0);
}
