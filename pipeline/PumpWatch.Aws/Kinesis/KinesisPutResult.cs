namespace PumpWatch.Aws.Kinesis;

/// <summary>What <see cref="KinesisPutBatcher.PutAsync"/> did: records written, those that never got in, PutRecords calls and entries resent.</summary>
public sealed record KinesisPutResult(int Succeeded, IReadOnlyList<FailedPut> Failed, int Calls, int Resent);
