namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>Output of GetRecords. NextShardIterator is null once a closed shard is read to its end; ChildShards then names its children.</summary>
public sealed record GetRecordsResponse(IReadOnlyList<Record> Records)
{
    public string? NextShardIterator { get; init; }

    public long? MillisBehindLatest { get; init; }

    public IReadOnlyList<ChildShard>? ChildShards { get; init; }
}
