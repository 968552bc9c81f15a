namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>Input of CreateDatabase: the name (pattern ^[a-zA-Z0-9_.-]+$) and optionally a KMS key (else a Timestream managed key).</summary>
public sealed record CreateDatabaseRequest(string DatabaseName)
{
    public string? KmsKeyId { get; init; }
}
