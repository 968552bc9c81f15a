using System.Net;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PumpWatch.Aws.Configuration;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Timestream.Model;

namespace PumpWatch.Aws.Timestream.Discovery;

/// <summary>
/// Endpoint discovery for one Timestream client, the pattern of the model's <c>clientEndpointDiscovery</c> trait:
/// DescribeEndpoints against the configured endpoint, the first returned Address used for every call
/// (https://Address/), cached for its CachePeriodInMinutes on the injected clock, and dropped when a call fails with
/// InvalidEndpointException (HTTP 421), after which the address is discovered again and the call made once more.
/// </summary>
/// <remarks>
/// The SDKs key their cache by access key and operation identifiers; Timestream operations have no identifiers and a
/// client has one set of credentials, so one entry per client is the same thing. The first endpoint is used rather than a
/// random one (aws-sdk-js-v3's EndpointCache picks at random) so that calls are deterministic. Concurrent calls that find
/// the cache empty wait for one DescribeEndpoints instead of each making their own.
/// </remarks>
internal sealed class EndpointDiscovery : IDisposable
{
    public const string Operation = "DescribeEndpoints";
    public const string InvalidEndpointCode = "InvalidEndpointException";

    /// <summary>The status InvalidEndpointException carries (httpError 421 in both models); botocore's discovery handler (handle_retries) drops the cached endpoint on that status or that code.</summary>
    private const HttpStatusCode MisdirectedRequest = (HttpStatusCode)421;

    private readonly AwsJsonClient _client;
    private readonly string _serviceName;
    private readonly TimeProvider _time;
    private readonly string _scheme;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private CachedEndpoint? _cached;

    /// <summary>The JSON client and discovery for one Timestream service: what both clients' constructors share.</summary>
    public static EndpointDiscovery Create(HttpClient http, AwsClientOptions options, AwsServiceDescription service, AwsRetryPolicy retry,
        TimeProvider timeProvider, ILogger? logger, TimestreamEndpointDiscovery mode)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var client = new AwsJsonClient(http, options, service, retry, timeProvider, logger ?? NullLogger.Instance);
        return new EndpointDiscovery(client, service.ServiceName, options, mode, timeProvider);
    }

    public EndpointDiscovery(AwsJsonClient client, string serviceName, AwsClientOptions options, TimestreamEndpointDiscovery mode, TimeProvider time)
    {
        if (mode == TimestreamEndpointDiscovery.Disabled && options.ServiceUrl is null)
        {
            throw new ArgumentException(
                $"{serviceName}: endpoint discovery is Disabled but no ServiceUrl is configured; Timestream's regional endpoint only answers DescribeEndpoints",
                nameof(mode));
        }

        _client = client;
        _serviceName = serviceName;
        _time = time;
        Enabled = mode switch
        {
            TimestreamEndpointDiscovery.Enabled => true,
            TimestreamEndpointDiscovery.Disabled => false,
            _ => options.ServiceUrl is null,
        };
        _scheme = options.ServiceUrl?.Scheme ?? Uri.UriSchemeHttps;
    }

    /// <summary>Whether calls go to a discovered address (else to the configured endpoint).</summary>
    public bool Enabled { get; }

    /// <summary>DescribeEndpoints against the configured endpoint (override or regional), never a discovered one.</summary>
    public Task<DescribeEndpointsResponse> DescribeEndpointsAsync(CancellationToken cancellationToken) =>
        _client.InvokeAsync(Operation, new DescribeEndpointsRequest(), TimestreamJsonContext.Default.DescribeEndpointsRequest,
            TimestreamJsonContext.Default.DescribeEndpointsResponse, cancellationToken);

    /// <summary>One operation, sent to the discovered address when discovery is on.</summary>
    public async Task<TResponse> InvokeAsync<TRequest, TResponse>(
        string operation, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return await _client.InvokeAsync(operation, request, requestType, responseType, cancellationToken).ConfigureAwait(false);
        }

        var endpoint = await GetEndpointAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _client.InvokeAsync(operation, request, requestType, responseType, endpoint, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ErrorCode == InvalidEndpointCode || e.StatusCode == MisdirectedRequest)
        {
            // The cell moved: forget it, ask again, and try once more; a second refusal is the caller's error.
            Invalidate(endpoint);
            endpoint = await GetEndpointAsync(cancellationToken).ConfigureAwait(false);
            return await _client.InvokeAsync(operation, request, requestType, responseType, endpoint, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _refresh.Dispose();

    private async Task<Uri> GetEndpointAsync(CancellationToken cancellationToken)
    {
        if (Fresh(Volatile.Read(ref _cached)) is { } address)
        {
            return address;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another call may have refreshed it while this one waited.
            if (Fresh(Volatile.Read(ref _cached)) is { } refreshed)
            {
                return refreshed;
            }

            var response = await DescribeEndpointsAsync(cancellationToken).ConfigureAwait(false);
            var endpoint = response.Endpoints?.FirstOrDefault(e => !string.IsNullOrWhiteSpace(e?.Address));
            if (endpoint is null || !Uri.TryCreate($"{_scheme}://{endpoint.Address.Trim()}/", UriKind.Absolute, out var uri))
            {
                throw new AwsServiceException(
                    new AwsCallError(HttpStatusCode.OK, "EndpointDiscoveryFailed",
                        endpoint is null ? "DescribeEndpoints returned no endpoint address" : $"DescribeEndpoints returned the address '{endpoint.Address}', which is not a host name",
                        null, Retryable: false),
                    _serviceName, Operation, attempts: 1);
            }

            // A period of 0 (or less) means "use it for this call only": the next call discovers again.
            var minutes = Math.Clamp(endpoint.CachePeriodInMinutes, 0, (long)TimeSpan.FromDays(365).TotalMinutes);
            Volatile.Write(ref _cached, new CachedEndpoint(uri, _time.GetUtcNow() + TimeSpan.FromMinutes(minutes)));
            return uri;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private Uri? Fresh(CachedEndpoint? cached) => cached is not null && _time.GetUtcNow() < cached.Expires ? cached.Address : null;

    /// <summary>Drops the cached address if it is still the one that failed (a concurrent call may already have replaced it).</summary>
    private void Invalidate(Uri failed)
    {
        var current = Volatile.Read(ref _cached);
        if (current is not null && current.Address == failed)
        {
            Interlocked.CompareExchange(ref _cached, null, current);
        }
    }
}
