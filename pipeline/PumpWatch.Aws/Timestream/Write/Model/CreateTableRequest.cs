namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>Input of CreateTable: database, table name (pattern ^[a-zA-Z0-9_.-]+$), retention and magnetic store writes.</summary>
public sealed record CreateTableRequest(string DatabaseName, string TableName)
{
    public RetentionProperties? RetentionProperties { get; init; }

    public MagneticStoreWriteProperties? MagneticStoreWriteProperties { get; init; }
}
