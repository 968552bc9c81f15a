namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>SplitShard has no output shape.</summary>
public sealed record SplitShardResponse;
