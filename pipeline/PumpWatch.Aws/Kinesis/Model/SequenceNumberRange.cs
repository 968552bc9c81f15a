namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>Sequence numbers of a shard; EndingSequenceNumber is null while the shard is open (shape SequenceNumberRange).</summary>
public sealed record SequenceNumberRange(string StartingSequenceNumber)
{
    public string? EndingSequenceNumber { get; init; }
}
