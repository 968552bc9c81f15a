namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>A Timestream database (shape Database); CreationTime and LastUpdatedTime are epoch-second timestamps on the wire.</summary>
public sealed record Database
{
    public string? Arn { get; init; }

    public string? DatabaseName { get; init; }

    public long? TableCount { get; init; }

    public string? KmsKeyId { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    public DateTimeOffset? LastUpdatedTime { get; init; }
}
