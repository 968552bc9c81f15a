namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>Input of PutRecords: 1..500 entries, at most 5 MiB in all (data and partition keys).</summary>
public sealed record PutRecordsRequest(IReadOnlyList<PutRecordsRequestEntry> Records)
{
    public string? StreamName { get; init; }

    public string? StreamARN { get; init; }
}
