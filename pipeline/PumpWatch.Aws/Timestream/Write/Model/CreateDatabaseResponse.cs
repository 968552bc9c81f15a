namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>Output of CreateDatabase: the new database.</summary>
public sealed record CreateDatabaseResponse
{
    public Database? Database { get; init; }
}
