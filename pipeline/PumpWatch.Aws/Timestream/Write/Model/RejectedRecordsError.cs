namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>The body of a RejectedRecordsException error (HTTP 419): Message and RejectedRecords, as the model's structure has them.</summary>
internal sealed record RejectedRecordsError
{
    public string? Message { get; init; }

    public IReadOnlyList<RejectedRecord>? RejectedRecords { get; init; }
}
