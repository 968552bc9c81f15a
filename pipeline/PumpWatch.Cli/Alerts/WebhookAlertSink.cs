using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PumpWatch.Aws.Http;
using PumpWatch.Core.Alerts;

namespace PumpWatch.Cli.Alerts;

/// <summary>
/// POSTs each alert's JSON (<see cref="AlertFormatter.ToJson"/>, <c>application/json</c>) to a URL. A 2xx answer
/// delivers it; 5xx, 408 and 429 answers, attempt timeouts and broken connections are retried with the AWS clients'
/// full-jitter backoff within <see cref="WebhookOptions"/>' limits; any other answer, or retries spent, is an
/// <see cref="AlertDeliveryException"/> naming the URL and what came back.
/// </summary>
internal sealed class WebhookAlertSink(HttpClient http, Uri url, WebhookOptions options, AwsRetryPolicy retry, TimeProvider time) : IAlertSink
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public string Name => "webhook:" + url;

    public async ValueTask PublishAsync(Alert alert, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(AlertFormatter.ToJson(alert));
        var waited = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            var (delivered, retryable, problem) = await SendOnceAsync(body, cancellationToken).ConfigureAwait(false);
            if (delivered)
            {
                return;
            }

            if (!retryable)
            {
                throw new AlertDeliveryException(this, alert, problem);
            }

            if (!retry.TryGetDelay(attempt, waited, out var delay))
            {
                throw new AlertDeliveryException(this, alert, string.Create(CultureInfo.InvariantCulture, $"{problem} (gave up after {attempt} attempt{(attempt == 1 ? "" : "s")})"));
            }

            waited += delay;
            await retry.DelayAsync(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(bool Delivered, bool Retryable, string Problem)> SendOnceAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.AttemptTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        try
        {
            using var response = await http.PostAsync(url, content, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return (true, false, "");
            }

            var retryable = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            return (false, retryable, string.Create(CultureInfo.InvariantCulture, $"answered {status} {response.ReasonPhrase}"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, true, $"no answer within {options.AttemptTimeout}");
        }
        catch (Exception ex) when (ex is HttpRequestException or HttpIOException)
        {
            return (false, true, ex.Message);
        }
    }

    /// <summary>The HttpClient is the caller's.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
