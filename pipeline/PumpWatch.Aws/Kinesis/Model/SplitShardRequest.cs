namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>Input of SplitShard: hash keys from NewStartingHashKey up go to one child, those below to the other.</summary>
public sealed record SplitShardRequest(string ShardToSplit, string NewStartingHashKey)
{
    public string? StreamName { get; init; }

    public string? StreamARN { get; init; }
}
