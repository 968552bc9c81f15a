namespace PumpWatch.Function.Events;

/// <summary>
/// The Kinesis part of an event record: partition key, sequence number (the record's id in batch item failures),
/// the payload as base64, and when Kinesis received it (epoch seconds with a fraction).
/// </summary>
public sealed class KinesisRecord
{
    public string? KinesisSchemaVersion { get; init; }

    public string? PartitionKey { get; init; }

    public string? SequenceNumber { get; init; }

    /// <summary>The payload, base64 as Lambda sends it.</summary>
    public string? Data { get; init; }

    public double ApproximateArrivalTimestamp { get; init; }

    public string? EncryptionType { get; init; }
}
