using PumpWatch.Aws.Timestream.Model;
using PumpWatch.Aws.Timestream.Query.Model;

namespace PumpWatch.Aws.Timestream.Query;

/// <summary>
/// The Timestream Query operations PumpWatch uses, named and shaped as in the official AWSSDK.TimestreamQuery
/// (<c>IAmazonTimestreamQuery</c>). One call returns one page; <see cref="TimestreamQueryPaging.QueryRowsAsync"/>
/// follows NextToken and gives typed rows.
/// </summary>
public interface ITimestreamQueryClient
{
    /// <summary>Asks the configured (regional or override) endpoint where calls go; the client does this itself when discovery is on.</summary>
    Task<DescribeEndpointsResponse> DescribeEndpointsAsync(DescribeEndpointsRequest request, CancellationToken cancellationToken = default);

    /// <summary>One page of a query's result (possibly empty while the query runs: keep going while NextToken is set).</summary>
    Task<QueryResponse> QueryAsync(QueryRequest request, CancellationToken cancellationToken = default);
}
