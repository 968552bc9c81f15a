namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>
/// A record WriteRecords did not ingest (shape RejectedRecord): its 0-based index in that call's Records, the reason,
/// and ExistingVersion when a record with the same dimensions, time and measure name is stored with a version at least
/// as high as the one sent.
/// </summary>
public sealed record RejectedRecord
{
    public int RecordIndex { get; init; }

    public string? Reason { get; init; }

    public long? ExistingVersion { get; init; }
}
