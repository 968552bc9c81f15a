using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using PumpWatch.Aws.Configuration;

namespace PumpWatch.Aws.Http;

/// <summary>
/// One AWS JSON-protocol call: the request serialised with its source-generated type, sent through
/// <see cref="AwsCallInvoker"/> (sign, send, retry, log), the response deserialised likewise.
/// </summary>
internal sealed class AwsJsonClient
{
    private readonly AwsCallInvoker _invoker;

    public AwsJsonClient(HttpClient http, AwsClientOptions options, AwsServiceDescription service, AwsRetryPolicy retry, TimeProvider time, ILogger logger)
    {
        _invoker = new AwsCallInvoker(http, options, service, retry, time, logger);
    }

    /// <summary>The endpoint calls go to unless given another: the configured override or the regional endpoint.</summary>
    public Uri Endpoint => _invoker.Endpoint;

    public Task<TResponse> InvokeAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken) =>
        InvokeAsync(operation, request, requestType, responseType, _invoker.Endpoint, cancellationToken);

    /// <summary>
    /// One call to <paramref name="endpoint"/> instead of the configured one: services with endpoint discovery
    /// (Timestream) send their operations to the address DescribeEndpoints returned.
    /// </summary>
    public Task<TResponse> InvokeAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Uri endpoint,
        CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        return _invoker.InvokeAsync(operation, body, payload =>
        {
            // Operations without an output shape may answer with an empty body.
            var json = payload.Length == 0 ? "{}"u8 : payload.AsSpan();
            return JsonSerializer.Deserialize(json, responseType) ?? throw new JsonException("the response body is JSON null");
        }, endpoint, cancellationToken);
    }
}
