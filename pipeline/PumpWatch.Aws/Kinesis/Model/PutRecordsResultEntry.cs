namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>Result of one entry: SequenceNumber and ShardId, or ErrorCode (ProvisionedThroughputExceededException or InternalFailure) and ErrorMessage.</summary>
public sealed record PutRecordsResultEntry
{
    public string? SequenceNumber { get; init; }

    public string? ShardId { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }
}
