namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>An S3 location for error reports (shape S3Configuration): bucket, key prefix, SSE_S3 or SSE_KMS, KMS key.</summary>
public sealed record S3Configuration
{
    public string? BucketName { get; init; }

    public string? ObjectKeyPrefix { get; init; }

    public string? EncryptionOption { get; init; }

    public string? KmsKeyId { get; init; }
}
