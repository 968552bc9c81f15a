namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>
/// How long a table keeps data (shape RetentionProperties, both required): in the memory store 1 to 8766 hours, in the
/// magnetic store 1 to 73000 days. Records older than the memory store period are rejected unless magnetic store writes are on.
/// </summary>
public sealed record RetentionProperties(long MemoryStoreRetentionPeriodInHours, long MagneticStoreRetentionPeriodInDays);
