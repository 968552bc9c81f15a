namespace PumpWatch.Aws.Timestream.Write;

/// <summary>
/// A record that was not written: <see cref="Group"/> and <see cref="Index"/> locate it in the caller's input (not in a
/// WriteRecords call), <see cref="Reason"/> is Timestream's (or, for a record refused before sending, which limit it
/// broke), and <see cref="ExistingVersion"/> is the stored version when a record with the same dimensions, time and
/// measure name and a version at least as high is already there (a newer computation: this one is stale).
/// </summary>
public sealed record RejectedWrite(int Group, int Index, string Reason, long? ExistingVersion);
