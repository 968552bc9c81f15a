namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>Input of ListShards. With NextToken, leave StreamName and StreamCreationTimestamp unset (the token names the stream).</summary>
public sealed record ListShardsRequest
{
    public string? StreamName { get; init; }

    public string? NextToken { get; init; }

    public string? ExclusiveStartShardId { get; init; }

    public int? MaxResults { get; init; }

    public DateTimeOffset? StreamCreationTimestamp { get; init; }

    public ShardFilter? ShardFilter { get; init; }

    public string? StreamARN { get; init; }
}
