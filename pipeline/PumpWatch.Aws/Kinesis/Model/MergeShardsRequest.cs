namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>Input of MergeShards: two shards with adjacent hash key ranges.</summary>
public sealed record MergeShardsRequest(string ShardToMerge, string AdjacentShardToMerge)
{
    public string? StreamName { get; init; }

    public string? StreamARN { get; init; }
}
