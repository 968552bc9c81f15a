using PumpWatch.Aws.Timestream.Model;
using PumpWatch.Aws.Timestream.Write.Model;

namespace PumpWatch.Aws.Timestream.Write;

/// <summary>
/// The Timestream Write operations PumpWatch uses, named and shaped as in the official AWSSDK.TimestreamWrite
/// (<c>IAmazonTimestreamWrite</c>), so moving to that package where NuGet serves it changes one file. Failures throw
/// <see cref="Http.AwsServiceException"/> once retries are spent; every operation but DescribeEndpoints goes to the
/// discovered endpoint.
/// </summary>
public interface ITimestreamWriteClient
{
    /// <summary>Asks the configured (regional or override) endpoint where calls go; the client does this itself when discovery is on.</summary>
    Task<DescribeEndpointsResponse> DescribeEndpointsAsync(DescribeEndpointsRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes 1 to 100 records to one table. When some records are refused the call throws <see cref="RejectedRecordsException"/>
    /// listing them; the others were written (see <see cref="TimestreamWriteBatcher"/>).
    /// </summary>
    Task<WriteRecordsResponse> WriteRecordsAsync(WriteRecordsRequest request, CancellationToken cancellationToken = default);

    Task<CreateDatabaseResponse> CreateDatabaseAsync(CreateDatabaseRequest request, CancellationToken cancellationToken = default);

    Task<CreateTableResponse> CreateTableAsync(CreateTableRequest request, CancellationToken cancellationToken = default);

    Task<DescribeTableResponse> DescribeTableAsync(DescribeTableRequest request, CancellationToken cancellationToken = default);
}
