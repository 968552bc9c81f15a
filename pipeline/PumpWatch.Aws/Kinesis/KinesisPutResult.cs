namespace PumpWatch.Aws.Kinesis;

/// <summary>What <see cref="KinesisPutBatcher.PutAsync"/> did: records written, those that never got in, PutRecords calls and entries resent.</summary>
public sealed record KinesisPutResult(int Succeeded, IReadOnlyList<FailedPut> Failed, int Calls, int Resent)
{
    /// <summary>
    /// Entry results with a throttling code (ProvisionedThroughputExceededException), each attempt counted: how hard the
    /// stream pushed back, which <see cref="Resent"/> alone does not tell (it also counts InternalFailure).
    /// </summary>
    public int Throttled { get; init; }
}
