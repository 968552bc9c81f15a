namespace PumpWatch.Aws.Timestream.Query.Model;

/// <summary>Progress of a query (shape QueryStatus): percent done, bytes scanned and bytes metered so far.</summary>
public sealed record QueryStatus
{
    public double? ProgressPercentage { get; init; }

    public long? CumulativeBytesScanned { get; init; }

    public long? CumulativeBytesMetered { get; init; }
}
