namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>Inclusive range of 128-bit hash keys, as decimal strings (shape HashKeyRange).</summary>
public sealed record HashKeyRange(string StartingHashKey, string EndingHashKey);
