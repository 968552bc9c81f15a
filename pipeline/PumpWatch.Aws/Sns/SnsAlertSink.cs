using PumpWatch.Aws.Http;
using PumpWatch.Core.Alerts;

namespace PumpWatch.Aws.Sns;

/// <summary>
/// Publishes each alert to an SNS topic (<see cref="SnsAlertMessage"/>: text for email, JSON for machine subscribers,
/// message attributes for filter policies). SNS does not deduplicate standard topics, so cooldown and deduplication stay
/// the pipeline's; a failed publish (after the client's retries) is an <see cref="AlertDeliveryException"/>.
/// </summary>
public sealed class SnsAlertSink : IAlertSink
{
    private readonly ISnsClient _client;
    private readonly string _topicArn;
    private readonly string? _site;

    /// <param name="client">The SNS client; owned by the caller.</param>
    /// <param name="topicArn">The topic to publish to.</param>
    /// <param name="site">Sent as the <c>site</c> attribute so that subscribers can filter by site; null leaves it out.</param>
    public SnsAlertSink(ISnsClient client, string topicArn, string? site = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(topicArn);
        _client = client;
        _topicArn = topicArn;
        _site = site;
    }

    public string Name => "sns:" + _topicArn;

    public async ValueTask PublishAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var (request, _, problem) = SnsAlertMessage.Build(alert, _topicArn, _site);
        if (request is null)
        {
            throw new AlertDeliveryException(this, alert, problem ?? "no message");
        }

        try
        {
            await _client.PublishAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException ex)
        {
            throw new AlertDeliveryException(this, alert, ex.Message, ex);
        }
    }

    /// <summary>Nothing to release: the client and its HttpClient belong to the caller.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
