namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>Output of ListShards: a page of shards and the token of the next page (null on the last).</summary>
public sealed record ListShardsResponse
{
    public IReadOnlyList<Shard>? Shards { get; init; }

    public string? NextToken { get; init; }
}
