using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using PumpWatch.Aws.Configuration;

namespace PumpWatch.Aws.Http;

/// <summary>
/// One AWS JSON-protocol call, end to end: serialise once, then per attempt sign (fresh credentials and time),
/// send exactly the signed bytes and headers, read, and either return the parsed response or classify the error
/// and retry within <see cref="AwsRetryPolicy"/>'s limits. Writes one log line per call.
/// </summary>
internal sealed class AwsJsonClient
{
    private const string RequestIdHeader = "x-amzn-RequestId";
    private const string ErrorTypeHeader = "x-amzn-ErrorType";

    private readonly HttpClient _http;
    private readonly AwsClientOptions _options;
    private readonly AwsServiceDescription _service;
    private readonly AwsRetryPolicy _retry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SigV4Signer _signer;
    private readonly Uri _endpoint;

    public AwsJsonClient(HttpClient http, AwsClientOptions options, AwsServiceDescription service, AwsRetryPolicy retry, TimeProvider time, ILogger logger)
    {
        _http = http;
        _options = options;
        _service = service;
        _retry = retry;
        _time = time;
        _logger = logger;
        _signer = new SigV4Signer(options.Region, service.SigningName);
        _endpoint = options.EndpointFor(service.EndpointPrefix);
    }

    /// <summary>The endpoint calls go to unless given another: the configured override or the regional endpoint.</summary>
    public Uri Endpoint => _endpoint;

    public Task<TResponse> InvokeAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken) =>
        InvokeAsync(operation, request, requestType, responseType, _endpoint, cancellationToken);

    /// <summary>
    /// One call to <paramref name="endpoint"/> instead of the configured one: services with endpoint discovery
    /// (Timestream) send their operations to the address DescribeEndpoints returned. The request is signed for that host.
    /// </summary>
    public async Task<TResponse> InvokeAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Uri endpoint,
        CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        var started = _time.GetTimestamp();
        var attempts = 0;
        var waited = TimeSpan.Zero;
        while (true)
        {
            attempts++;
            AwsCallError error;
            Exception? inner = null;
            try
            {
                var (status, payload, requestId, errorType) = await SendOnceAsync(endpoint, operation, body, cancellationToken).ConfigureAwait(false);
                if ((int)status is >= 200 and < 300)
                {
                    try
                    {
                        // Operations without an output shape may answer with an empty body.
                        var json = payload.Length == 0 ? "{}"u8 : payload.AsSpan();
                        var response = JsonSerializer.Deserialize(json, responseType)
                            ?? throw new JsonException("the response body is JSON null");
                        AwsLog.CallSucceeded(_logger, _service.ServiceName, operation, (int)status, ElapsedMs(started), attempts - 1);
                        return response;
                    }
                    catch (JsonException ex)
                    {
                        // A 2xx whose body does not parse is not retried: the service may have acted on the request
                        // (PutRecords would write twice), so the caller decides.
                        error = new AwsCallError(status, "MalformedResponse", ex.Message, requestId, Retryable: false);
                        inner = ex;
                    }
                }
                else
                {
                    error = AwsErrorParser.Parse(status, payload, requestId, errorType);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                AwsLog.CallCancelled(_logger, _service.ServiceName, operation, ElapsedMs(started), attempts - 1);
                throw;
            }
            catch (OperationCanceledException ex)
            {
                error = new AwsCallError(0, "RequestTimeout", $"no complete response within {_options.AttemptTimeout}", null, Retryable: true);
                inner = ex;
            }
            catch (Exception ex) when (ex is HttpRequestException or HttpIOException)
            {
                // HttpIOException: the connection broke while the response body was read, after the headers came.
                error = new AwsCallError(0, "NetworkError", ex.Message, null, Retryable: true);
                inner = ex;
            }

            if (!error.Retryable || !_retry.TryGetDelay(attempts, waited, out var delay))
            {
                AwsLog.CallFailed(_logger, _service.ServiceName, operation, (int)error.StatusCode, error.ErrorCode, error.RequestId, ElapsedMs(started), attempts - 1);
                throw new AwsServiceException(error, _service.ServiceName, operation, attempts, inner);
            }

            waited += delay;
            try
            {
                await _retry.DelayAsync(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                AwsLog.CallCancelled(_logger, _service.ServiceName, operation, ElapsedMs(started), attempts - 1);
                throw;
            }
        }
    }

    private async Task<(HttpStatusCode Status, byte[] Body, string? RequestId, string? ErrorType)> SendOnceAsync(
        Uri endpoint, string operation, byte[] body, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.AttemptTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var credentials = await _options.Credentials.GetCredentialsAsync().WaitAsync(linked.Token).ConfigureAwait(false);
        var signed = _signer.Sign(
            endpoint,
            body,
            [new("Content-Type", _service.ContentType), new("X-Amz-Target", _service.TargetPrefix + "." + operation)],
            credentials,
            _time.GetUtcNow().UtcDateTime);

        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint);
        // ByteArrayContent sends the bytes as given; StringContent would append "; charset=utf-8" to the signed Content-Type.
        var content = new ByteArrayContent(body);
        foreach (var (name, value) in signed)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                var added = content.Headers.TryAddWithoutValidation(name, value);
                Debug.Assert(added, "Content-Type is a content header");
            }
            else if (name.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.Host = value;
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        message.Content = content;
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
        var payload = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
        return (response.StatusCode, payload, Header(response, RequestIdHeader), Header(response, ErrorTypeHeader));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private long ElapsedMs(long started) => (long)_time.GetElapsedTime(started).TotalMilliseconds;
}
