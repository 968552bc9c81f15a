namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>One record to put (shape PutRecordsRequestEntry): data (at most 1 MiB with its key) and a partition key of 1..256 characters.</summary>
public sealed record PutRecordsRequestEntry(ReadOnlyMemory<byte> Data, string PartitionKey)
{
    public string? ExplicitHashKey { get; init; }
}
