namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>Input of CreateStream (model shape CreateStreamInput).</summary>
public sealed record CreateStreamRequest(string StreamName)
{
    public int? ShardCount { get; init; }

    public StreamModeDetails? StreamModeDetails { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
