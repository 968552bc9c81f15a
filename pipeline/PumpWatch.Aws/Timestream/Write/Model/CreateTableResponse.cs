namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>Output of CreateTable: the new table.</summary>
public sealed record CreateTableResponse
{
    public Table? Table { get; init; }
}
