namespace PumpWatch.Aws.Timestream.Query.Model;

/// <summary>
/// Output of Query: the query id, one page of rows (possibly empty while the query runs), the columns' types, and
/// NextToken while more pages follow; null NextToken ends the result.
/// </summary>
public sealed record QueryResponse(string QueryId, IReadOnlyList<Row> Rows, IReadOnlyList<ColumnInfo> ColumnInfo)
{
    public string? NextToken { get; init; }

    public QueryStatus? QueryStatus { get; init; }
}
