namespace PumpWatch.Function.Events;

/// <summary>One record of a Kinesis event: the Kinesis record itself and where it came from.</summary>
public sealed class KinesisEventRecord
{
    public KinesisRecord? Kinesis { get; init; }

    public string? EventSource { get; init; }

    public string? EventVersion { get; init; }

    public string? EventID { get; init; }

    public string? EventName { get; init; }

    public string? InvokeIdentityArn { get; init; }

    public string? AwsRegion { get; init; }

    public string? EventSourceARN { get; init; }
}
