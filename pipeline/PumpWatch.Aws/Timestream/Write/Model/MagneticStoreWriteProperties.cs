namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>Whether a table accepts records older than its memory store retention into the magnetic store (shape MagneticStoreWriteProperties).</summary>
public sealed record MagneticStoreWriteProperties(bool EnableMagneticStoreWrites)
{
    public MagneticStoreRejectedDataLocation? MagneticStoreRejectedDataLocation { get; init; }
}
