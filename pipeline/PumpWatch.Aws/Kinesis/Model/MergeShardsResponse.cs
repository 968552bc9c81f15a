namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>MergeShards has no output shape.</summary>
public sealed record MergeShardsResponse;
