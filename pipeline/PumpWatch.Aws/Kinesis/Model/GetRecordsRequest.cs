namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>Input of GetRecords: an iterator and at most Limit (1..10,000) records.</summary>
public sealed record GetRecordsRequest(string ShardIterator)
{
    public int? Limit { get; init; }

    public string? StreamARN { get; init; }
}
