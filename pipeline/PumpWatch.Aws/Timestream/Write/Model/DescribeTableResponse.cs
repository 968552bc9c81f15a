namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>Output of DescribeTable: the table, with its status and retention.</summary>
public sealed record DescribeTableResponse
{
    public Table? Table { get; init; }
}
