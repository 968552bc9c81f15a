namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>Where Timestream reports records it rejects asynchronously during magnetic store writes (shape MagneticStoreRejectedDataLocation).</summary>
public sealed record MagneticStoreRejectedDataLocation
{
    public S3Configuration? S3Configuration { get; init; }
}
