using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PumpWatch.Aws.Configuration;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Sns.Model;

namespace PumpWatch.Aws.Sns;

/// <summary>
/// Amazon SNS over AWSSDK.Core's credentials and SigV4 signer, speaking the query protocol of API version 2010-03-31
/// (metadata of the service model sns-2010-03-31: protocol query, endpointPrefix sns, signing name sns).
/// </summary>
public sealed class SnsClient : ISnsClient
{
    private static readonly AwsQueryServiceDescription Service = new("SNS", "sns", "sns", "2010-03-31");

    private readonly AwsQueryClient _client;

    /// <param name="http">One HttpClient per service, owned by the caller; its own Timeout should be infinite (attempts time out here).</param>
    /// <param name="options">Region, endpoint override, credentials, timeout and retry limits.</param>
    /// <param name="retry">Backoff with seeded jitter and the budget.</param>
    /// <param name="timeProvider">Clock for signing, latency and attempt timeouts.</param>
    /// <param name="logger">Receives one line per call.</param>
    public SnsClient(HttpClient http, AwsClientOptions options, AwsRetryPolicy retry, TimeProvider timeProvider, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _client = new AwsQueryClient(http, options, Service, retry, timeProvider, logger ?? NullLogger.Instance);
    }

    public Task<PublishResponse> PublishAsync(PublishRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (SnsPublishRules.Problem(request) is { } problem)
        {
            throw new ArgumentException($"SNS Publish refused before sending: {problem}", nameof(request));
        }

        return _client.InvokeAsync("Publish", form => SnsRequestForms.Publish(form, request), SnsRequestForms.PublishResult, cancellationToken);
    }

    public Task<CreateTopicResponse> CreateTopicAsync(CreateTopicRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _client.InvokeAsync("CreateTopic", form => SnsRequestForms.CreateTopic(form, request), SnsRequestForms.CreateTopicResult, cancellationToken);
    }
}
