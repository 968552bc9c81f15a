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

    public Task<TResponse> InvokeAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        return _invoker.InvokeAsync(operation, body, payload =>
        {
            // Operations without an output shape may answer with an empty body.
            var json = payload.Length == 0 ? "{}"u8 : payload.AsSpan();
            return JsonSerializer.Deserialize(json, responseType) ?? throw new JsonException("the response body is JSON null");
        }, cancellationToken);
    }
}
