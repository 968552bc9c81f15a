namespace PumpWatch.Aws.Sns.Model;

/// <summary>Input of CreateTopic (CreateTopicInput): idempotent for a name the caller already owns.</summary>
public sealed record CreateTopicRequest(string Name)
{
    /// <summary>Topic attributes (DisplayName, Policy, KmsMasterKeyId, FifoTopic, ...); sent in ordinal order of the names.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public string? DataProtectionPolicy { get; init; }
}
