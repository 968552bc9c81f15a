using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Xml;
using Microsoft.Extensions.Logging;
using PumpWatch.Aws.Configuration;

namespace PumpWatch.Aws.Http;

/// <summary>
/// One AWS call, end to end, for any wire protocol (<see cref="IAwsProtocol"/>): with the request body serialised once,
/// per attempt sign (fresh credentials and time), send exactly the signed bytes and headers, read, and either return
/// the parsed response or classify the error and retry within <see cref="AwsRetryPolicy"/>'s limits. Writes one log
/// line per call.
/// </summary>
internal sealed class AwsCallInvoker
{
    private const string RequestIdHeader = "x-amzn-RequestId";
    private const string ErrorTypeHeader = "x-amzn-ErrorType";

    private readonly HttpClient _http;
    private readonly AwsClientOptions _options;
    private readonly IAwsProtocol _protocol;
    private readonly AwsRetryPolicy _retry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SigV4Signer _signer;
    private readonly Uri _endpoint;

    public AwsCallInvoker(HttpClient http, AwsClientOptions options, IAwsProtocol protocol, AwsRetryPolicy retry, TimeProvider time, ILogger logger)
    {
        _http = http;
        _options = options;
        _protocol = protocol;
        _retry = retry;
        _time = time;
        _logger = logger;
        _signer = new SigV4Signer(options.Region, protocol.SigningName);
        _endpoint = options.EndpointFor(protocol.EndpointPrefix);
    }

    /// <summary>
    /// Sends <paramref name="body"/> as <paramref name="operation"/>. <paramref name="parse"/> reads a 2xx body and throws
    /// <see cref="JsonException"/> or <see cref="XmlException"/> when it is malformed: that becomes a <c>MalformedResponse</c>
    /// error, not retried, since the service may have acted on the request (a publish or put would happen twice).
    /// </summary>
    public Task<TResponse> InvokeAsync<TResponse>(string operation, byte[] body, Func<byte[], TResponse> parse, CancellationToken cancellationToken) =>
        InvokeAsync(operation, body, parse, _endpoint, cancellationToken);

    /// <summary>The endpoint calls go to unless given another: the configured override or the regional endpoint.</summary>
    public Uri Endpoint => _endpoint;

    /// <summary>
    /// One call to <paramref name="endpoint"/> instead of the configured one: services with endpoint discovery
    /// (Timestream) send their operations to the address DescribeEndpoints returned. The request is signed for that host.
    /// </summary>
    public async Task<TResponse> InvokeAsync<TResponse>(string operation, byte[] body, Func<byte[], TResponse> parse, Uri endpoint, CancellationToken cancellationToken)
    {
        var service = _protocol.ServiceName;
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
                        var response = parse(payload);
                        AwsLog.CallSucceeded(_logger, service, operation, (int)status, ElapsedMs(started), attempts - 1);
                        return response;
                    }
                    catch (Exception ex) when (ex is JsonException or XmlException)
                    {
                        error = new AwsCallError(status, "MalformedResponse", ex.Message, requestId, Retryable: false);
                        inner = ex;
                    }
                }
                else
                {
                    error = _protocol.ParseError(status, payload, requestId, errorType);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                AwsLog.CallCancelled(_logger, service, operation, ElapsedMs(started), attempts - 1);
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
                AwsLog.CallFailed(_logger, service, operation, (int)error.StatusCode, error.ErrorCode, error.RequestId, ElapsedMs(started), attempts - 1);
                throw new AwsServiceException(error, service, operation, attempts, inner);
            }

            waited += delay;
            try
            {
                await _retry.DelayAsync(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                AwsLog.CallCancelled(_logger, service, operation, ElapsedMs(started), attempts - 1);
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
        var signed = _signer.Sign(endpoint, body, _protocol.RequestHeaders(operation), credentials, _time.GetUtcNow().UtcDateTime);

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
