using Microsoft.Extensions.Logging;
using PumpWatch.Aws.Configuration;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Timestream.Discovery;
using PumpWatch.Aws.Timestream.Model;
using PumpWatch.Aws.Timestream.Write.Model;

namespace PumpWatch.Aws.Timestream.Write;

/// <summary>
/// Timestream Write over AWSSDK.Core's credentials and SigV4 signer, speaking awsJson1_0 with
/// <c>X-Amz-Target: Timestream_20181101.&lt;Operation&gt;</c>, signing name <c>timestream</c>, DescribeEndpoints at
/// <c>ingest.timestream.&lt;region&gt;.amazonaws.com</c> and every other call at the endpoint it returns.
/// </summary>
public sealed class TimestreamWriteClient : ITimestreamWriteClient, IDisposable
{
    private static readonly TimestreamJsonContext Json = TimestreamJsonContext.Default;

    private readonly EndpointDiscovery _discovery;

    /// <param name="http">One HttpClient per service, owned by the caller; its own Timeout should be infinite (attempts time out here).</param>
    /// <param name="options">Region, endpoint override, credentials, timeout and retry limits.</param>
    /// <param name="retry">Backoff with seeded jitter and the budget.</param>
    /// <param name="timeProvider">Clock for signing, latency, attempt timeouts and the endpoint cache.</param>
    /// <param name="logger">Receives one line per call.</param>
    /// <param name="discovery">Whether to discover the endpoint (see <see cref="TimestreamEndpointDiscovery"/>); Auto follows the official SDKs.</param>
    public TimestreamWriteClient(HttpClient http, AwsClientOptions options, AwsRetryPolicy retry, TimeProvider timeProvider, ILogger? logger = null,
        TimestreamEndpointDiscovery discovery = TimestreamEndpointDiscovery.Auto)
    {
        _discovery = EndpointDiscovery.Create(http, options, TimestreamServices.Write, retry, timeProvider, logger, discovery);
    }

    public Task<DescribeEndpointsResponse> DescribeEndpointsAsync(DescribeEndpointsRequest request, CancellationToken cancellationToken = default) =>
        _discovery.DescribeEndpointsAsync(cancellationToken);

    public async Task<WriteRecordsResponse> WriteRecordsAsync(WriteRecordsRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _discovery.InvokeAsync("WriteRecords", request, Json.WriteRecordsRequest, Json.WriteRecordsResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (RejectedRecordsException.TryFrom(e) is { } rejected)
        {
            throw rejected;
        }
    }

    public Task<CreateDatabaseResponse> CreateDatabaseAsync(CreateDatabaseRequest request, CancellationToken cancellationToken = default) =>
        _discovery.InvokeAsync("CreateDatabase", request, Json.CreateDatabaseRequest, Json.CreateDatabaseResponse, cancellationToken);

    public Task<CreateTableResponse> CreateTableAsync(CreateTableRequest request, CancellationToken cancellationToken = default) =>
        _discovery.InvokeAsync("CreateTable", request, Json.CreateTableRequest, Json.CreateTableResponse, cancellationToken);

    public Task<DescribeTableResponse> DescribeTableAsync(DescribeTableRequest request, CancellationToken cancellationToken = default) =>
        _discovery.InvokeAsync("DescribeTable", request, Json.DescribeTableRequest, Json.DescribeTableResponse, cancellationToken);

    public void Dispose() => _discovery.Dispose();
}
