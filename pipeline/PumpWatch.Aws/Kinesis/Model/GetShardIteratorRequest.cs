namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>Input of GetShardIterator; ShardIteratorType is one of <see cref="ShardIteratorType"/>.</summary>
public sealed record GetShardIteratorRequest(string ShardId, string ShardIteratorType)
{
    public string? StreamName { get; init; }

    public string? StartingSequenceNumber { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public string? StreamARN { get; init; }
}
