namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>Shard-level metrics enabled on a stream (shape EnhancedMetrics).</summary>
public sealed record EnhancedMetrics
{
    public IReadOnlyList<string>? ShardLevelMetrics { get; init; }
}
