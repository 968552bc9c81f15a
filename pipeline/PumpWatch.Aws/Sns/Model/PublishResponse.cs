namespace PumpWatch.Aws.Sns.Model;

/// <summary>Output of Publish (PublishResponse): the message id SNS assigned, and for FIFO topics a sequence number.</summary>
public sealed record PublishResponse
{
    public string? MessageId { get; init; }

    public string? SequenceNumber { get; init; }
}
