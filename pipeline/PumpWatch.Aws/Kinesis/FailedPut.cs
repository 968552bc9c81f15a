namespace PumpWatch.Aws.Kinesis;

/// <summary>An entry that was still failing when its retries ran out: its index in the caller's list and the last error.</summary>
public sealed record FailedPut(int Index, string ErrorCode, string? ErrorMessage);
