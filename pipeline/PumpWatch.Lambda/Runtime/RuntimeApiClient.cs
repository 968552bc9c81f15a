using System.Net.Http.Headers;
using System.Text.Json;

namespace PumpWatch.Lambda.Runtime;

/// <summary>
/// A client of the Lambda Runtime API (version 2018-06-01): the next invocation, its response or error, and the init
/// error. Statuses from the OpenAPI specification: 202 accepts a post; 400, 403 and 413 reject one post (the runtime
/// logs it and goes on); 500 is a container error after which the runtime must exit, as after any error on <c>next</c>.
/// </summary>
internal sealed class RuntimeApiClient
{
    private static readonly MediaTypeHeaderValue ErrorContentType = new(RuntimeApiNames.ErrorContentType);

    private readonly HttpClient _http;
    private readonly Uri _base;

    // The event body of the invocation under way. One invocation at a time, so one buffer, kept and grown: a
    // 10,000-record event is about 7.5 MB, and reading it into a fresh array (twice, through HttpClient's own buffer)
    // put 15 MB on the large-object heap per invocation.
    private byte[] _payload = [];

    /// <param name="http">
    /// With no timeout (<see cref="Timeout.InfiniteTimeSpan"/>): <c>next</c> is a long poll that answers only when an
    /// event arrives, and the developer guide says not to set a timeout on it. HttpClient's default of 100 s would
    /// end it on any function idle for longer.
    /// </param>
    /// <param name="baseUri">From <see cref="TryCreateBaseUri"/>.</param>
    public RuntimeApiClient(HttpClient http, Uri baseUri)
    {
        _http = http;
        _base = baseUri;
    }

    /// <summary>
    /// <c>http://{host:port}/2018-06-01/</c> from the value of AWS_LAMBDA_RUNTIME_API (a host and port, e.g.
    /// <c>127.0.0.1:9001</c>); false for a missing or malformed value.
    /// </summary>
    public static bool TryCreateBaseUri(string? hostAndPort, out Uri baseUri)
    {
        baseUri = null!;
        if (string.IsNullOrWhiteSpace(hostAndPort) || hostAndPort.Contains('/', StringComparison.Ordinal))
        {
            return false;
        }

        if (!Uri.TryCreate($"http://{hostAndPort.Trim()}/{RuntimeApiNames.Version}/", UriKind.Absolute, out var uri))
        {
            return false;
        }

        baseUri = uri;
        return true;
    }

    /// <summary>Waits, without a time limit, for the next invocation.</summary>
    /// <exception cref="RuntimeApiException">Any status but 200, or no request id.</exception>
    public async Task<NextInvocation> GetNextInvocationAsync(CancellationToken cancel)
    {
        using var response = await _http.GetAsync(new Uri(_base, RuntimeApiNames.NextPath), HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new RuntimeApiException($"GET {RuntimeApiNames.NextPath} answered {(int)response.StatusCode}: {await BodyTextAsync(response, cancel).ConfigureAwait(false)}");
        }

        var requestId = Header(response, RuntimeApiNames.RequestIdHeader);
        if (string.IsNullOrEmpty(requestId))
        {
            throw new RuntimeApiException($"GET {RuntimeApiNames.NextPath} answered without the {RuntimeApiNames.RequestIdHeader} header, so the invocation cannot be answered");
        }

        var payload = await ReadBodyAsync(response.Content, cancel).ConfigureAwait(false);
        return new NextInvocation(
            requestId,
            payload,
            Header(response, RuntimeApiNames.DeadlineHeader),
            Header(response, RuntimeApiNames.FunctionArnHeader),
            Header(response, RuntimeApiNames.TraceIdHeader));
    }

    /// <summary>Posts the function's response; null when accepted, else why it was rejected.</summary>
    /// <exception cref="RuntimeApiException">A 5xx: the container is in a state the runtime cannot recover from.</exception>
    // Reads the body into _payload, growing it to the Content-Length Lambda sends (or by doubling without one).
    private async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContent content, CancellationToken cancel)
    {
        var expected = content.Headers.ContentLength ?? 0;
        if (expected > Array.MaxLength)
        {
            throw new RuntimeApiException($"GET {RuntimeApiNames.NextPath} announced a body of {expected} bytes, more than one array holds");
        }

        if (_payload.Length < expected)
        {
            _payload = new byte[expected];
        }

        using var body = await content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        var length = 0;
        while (true)
        {
            if (length == _payload.Length)
            {
                if (length == Array.MaxLength)
                {
                    throw new RuntimeApiException($"GET {RuntimeApiNames.NextPath} sent a body larger than one array holds");
                }

                Array.Resize(ref _payload, Math.Max(64 * 1024, (int)Math.Min(Array.MaxLength, 2L * _payload.Length)));
            }

            var read = await body.ReadAsync(_payload.AsMemory(length), cancel).ConfigureAwait(false);
            if (read == 0)
            {
                return _payload.AsMemory(0, length);
            }

            length += read;
        }
    }

    public Task<string?> PostResponseAsync(string requestId, ReadOnlyMemory<byte> body, CancellationToken cancel) =>
        PostAsync(RuntimeApiNames.ResponsePath(requestId), new ReadOnlyMemoryContent(body), errorType: null, cancel);

    /// <summary>Posts an invocation error; null when accepted, else why it was rejected.</summary>
    /// <exception cref="RuntimeApiException">A 5xx.</exception>
    public Task<string?> PostInvocationErrorAsync(string requestId, RuntimeError error, CancellationToken cancel) =>
        PostAsync(RuntimeApiNames.ErrorPath(requestId), ErrorContent(error), error.ErrorType, cancel);

    /// <summary>Posts an init error, after which the runtime exits; null when accepted, else why it was rejected.</summary>
    /// <exception cref="RuntimeApiException">A 5xx.</exception>
    public Task<string?> PostInitErrorAsync(RuntimeError error, CancellationToken cancel) =>
        PostAsync(RuntimeApiNames.InitErrorPath, ErrorContent(error), error.ErrorType, cancel);

    private async Task<string?> PostAsync(string path, HttpContent content, string? errorType, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, path)) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(RuntimeApiNames.ErrorTypeHeader, errorType);
        }

        using var response = await _http.SendAsync(request, cancel).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var why = $"POST {path} answered {(int)response.StatusCode}: {await BodyTextAsync(response, cancel).ConfigureAwait(false)}";
        return (int)response.StatusCode >= 500 ? throw new RuntimeApiException(why) : why;
    }

    private static ByteArrayContent ErrorContent(RuntimeError error)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, RuntimeJsonContext.Default.RuntimeError));
        content.Headers.ContentType = ErrorContentType;
        return content;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(',', values) : null;

    private static async Task<string> BodyTextAsync(HttpResponseMessage response, CancellationToken cancel)
    {
        // Error bodies are small JSON documents ({"errorMessage","errorType"}); keep a log line to one line.
        var text = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? "(empty body)" : text.Length <= 500 ? text : string.Concat(text.AsSpan(0, 500), "...");
    }
}
