namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>Output of WriteRecords: the counts of ingested records. A partial rejection is not a response but a <see cref="RejectedRecordsException"/>.</summary>
public sealed record WriteRecordsResponse
{
    public RecordsIngested? RecordsIngested { get; init; }
}
