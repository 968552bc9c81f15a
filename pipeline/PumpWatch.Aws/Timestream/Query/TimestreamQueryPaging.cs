using System.Runtime.CompilerServices;
using PumpWatch.Aws.Timestream.Query.Model;

namespace PumpWatch.Aws.Timestream.Query;

/// <summary>
/// A query's whole result: Query is called again with the last NextToken (and the same QueryString, which the service
/// requires) until NextToken is null. Pages may be empty while the query still runs, so an empty page is no end.
/// </summary>
public static class TimestreamQueryPaging
{
    /// <summary>Every row of <paramref name="queryString"/>'s result, typed by each page's ColumnInfo, page by page as they arrive.</summary>
    /// <param name="client">The query client.</param>
    /// <param name="queryString">The SQL.</param>
    /// <param name="maxRows">MaxRows per page (1 to 1000), or null for the service's choice (pages up to 1 MB).</param>
    /// <param name="cancellationToken">Stops between and within pages.</param>
    public static async IAsyncEnumerable<QueryRow> QueryRowsAsync(this ITimestreamQueryClient client, string queryString, int? maxRows = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(queryString);
        string? nextToken = null;
        do
        {
            var page = await client.QueryAsync(new QueryRequest(queryString) { NextToken = nextToken, MaxRows = maxRows }, cancellationToken).ConfigureAwait(false);
            var columns = new QueryColumns(page.ColumnInfo ?? []);
            foreach (var row in page.Rows ?? [])
            {
                yield return QueryRow.From(columns, row);
            }

            nextToken = page.NextToken;
        }
        while (!string.IsNullOrEmpty(nextToken));
    }
}
