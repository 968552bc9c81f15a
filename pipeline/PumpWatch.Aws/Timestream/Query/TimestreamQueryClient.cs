using Microsoft.Extensions.Logging;
using PumpWatch.Aws.Configuration;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Timestream.Discovery;
using PumpWatch.Aws.Timestream.Model;
using PumpWatch.Aws.Timestream.Query.Model;

namespace PumpWatch.Aws.Timestream.Query;

/// <summary>
/// Timestream Query over AWSSDK.Core's credentials and SigV4 signer: awsJson1_0, <c>X-Amz-Target:
/// Timestream_20181101.Query</c>, signing name <c>timestream</c>, DescribeEndpoints at
/// <c>query.timestream.&lt;region&gt;.amazonaws.com</c> and queries at the endpoint it returns.
/// </summary>
public sealed class TimestreamQueryClient : ITimestreamQueryClient, IDisposable
{
    /// <summary>
    /// The shortest attempt timeout a query gets: the service runs a Query call for up to 60 s and the model tells SDK
    /// users to raise their default timeout to allow it; 10 s more covers the network.
    /// </summary>
    public static readonly TimeSpan MinimumAttemptTimeout = TimeSpan.FromSeconds(70);

    private static readonly TimestreamJsonContext Json = TimestreamJsonContext.Default;

    private readonly EndpointDiscovery _discovery;

    /// <param name="http">One HttpClient per service, owned by the caller; its own Timeout should be infinite (attempts time out here).</param>
    /// <param name="options">Region, endpoint override, credentials, timeout (raised to <see cref="MinimumAttemptTimeout"/> if shorter) and retry limits.</param>
    /// <param name="retry">Backoff with seeded jitter and the budget.</param>
    /// <param name="timeProvider">Clock for signing, latency, attempt timeouts and the endpoint cache.</param>
    /// <param name="logger">Receives one line per call (one per page).</param>
    /// <param name="discovery">Whether to discover the endpoint (see <see cref="TimestreamEndpointDiscovery"/>); Auto follows the official SDKs.</param>
    public TimestreamQueryClient(HttpClient http, AwsClientOptions options, AwsRetryPolicy retry, TimeProvider timeProvider, ILogger? logger = null,
        TimestreamEndpointDiscovery discovery = TimestreamEndpointDiscovery.Auto)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.AttemptTimeout < MinimumAttemptTimeout)
        {
            options = options with { AttemptTimeout = MinimumAttemptTimeout };
        }

        _discovery = EndpointDiscovery.Create(http, options, TimestreamServices.Query, retry, timeProvider, logger, discovery);
    }

    public Task<DescribeEndpointsResponse> DescribeEndpointsAsync(DescribeEndpointsRequest request, CancellationToken cancellationToken = default) =>
        _discovery.DescribeEndpointsAsync(cancellationToken);

    public Task<QueryResponse> QueryAsync(QueryRequest request, CancellationToken cancellationToken = default) =>
        _discovery.InvokeAsync("Query", request, Json.QueryRequest, Json.QueryResponse, cancellationToken);

    public void Dispose() => _discovery.Dispose();
}
