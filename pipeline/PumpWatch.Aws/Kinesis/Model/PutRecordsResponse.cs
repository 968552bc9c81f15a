namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>Output of PutRecords: one result per entry, in request order; FailedRecordCount counts those with an ErrorCode.</summary>
public sealed record PutRecordsResponse(IReadOnlyList<PutRecordsResultEntry> Records)
{
    public int? FailedRecordCount { get; init; }

    public string? EncryptionType { get; init; }
}
