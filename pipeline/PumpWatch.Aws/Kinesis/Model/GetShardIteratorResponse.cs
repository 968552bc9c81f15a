namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>Output of GetShardIterator.</summary>
public sealed record GetShardIteratorResponse
{
    public string? ShardIterator { get; init; }
}
