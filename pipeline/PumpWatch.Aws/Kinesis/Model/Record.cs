namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>One data record (shape Record); Data is the blob, base64 on the wire.</summary>
public sealed record Record(string SequenceNumber, byte[] Data, string PartitionKey)
{
    public DateTimeOffset? ApproximateArrivalTimestamp { get; init; }

    public string? EncryptionType { get; init; }
}
