namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>A Timestream table (shape Table): names, <see cref="TableStatus"/>, retention, magnetic store writes, times.</summary>
public sealed record Table
{
    public string? Arn { get; init; }

    public string? TableName { get; init; }

    public string? DatabaseName { get; init; }

    public string? TableStatus { get; init; }

    public RetentionProperties? RetentionProperties { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    public DateTimeOffset? LastUpdatedTime { get; init; }

    public MagneticStoreWriteProperties? MagneticStoreWriteProperties { get; init; }
}
