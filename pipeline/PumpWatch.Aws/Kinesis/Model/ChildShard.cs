namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>A child of a shard that was read to its end (shape ChildShard).</summary>
public sealed record ChildShard(string ShardId, IReadOnlyList<string> ParentShards, HashKeyRange HashKeyRange);
