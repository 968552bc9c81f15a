namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>One shard, open or closed, with its lineage (shape Shard).</summary>
public sealed record Shard(string ShardId, HashKeyRange HashKeyRange, SequenceNumberRange SequenceNumberRange)
{
    public string? ParentShardId { get; init; }

    public string? AdjacentParentShardId { get; init; }
}
