namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>A stream without its shard list (shape StreamDescriptionSummary); StreamStatus is CREATING, DELETING, ACTIVE or UPDATING.</summary>
public sealed record StreamDescriptionSummary(string StreamName, string StreamARN, string StreamStatus, int RetentionPeriodHours, DateTimeOffset StreamCreationTimestamp, IReadOnlyList<EnhancedMetrics> EnhancedMonitoring, int OpenShardCount)
{
    public StreamModeDetails? StreamModeDetails { get; init; }

    public string? EncryptionType { get; init; }

    public string? KeyId { get; init; }

    public int? ConsumerCount { get; init; }
}
