using Amazon.Runtime;
using PumpWatch.Aws.Configuration;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Sns;
using PumpWatch.Core.Alerts;

namespace PumpWatch.Cli.Alerts;

/// <summary>
/// Opens the sinks a run asked for: the verb's own (the demo's console and JSON lines file, the backtest's alerts.jsonl)
/// and those of <c>--alert-sink</c>, each once. Holds the one HttpClient that webhook and SNS sinks share; dispose it
/// after the sinks. A sink that cannot be opened (an unwritable file, a topic in another region, no AWS credentials) is
/// a <see cref="UserError"/> naming it.
/// </summary>
internal sealed class AlertSinkFactory(AlertSinkEnvironment environment) : IDisposable
{
    private HttpClient? _http;
    private AWSCredentials? _credentials;

    // Attempts time out in the sinks and clients themselves, so the client's own timeout stays out of the way.
    private HttpClient Http => _http ??= new HttpClient { Timeout = Timeout.InfiniteTimeSpan };

    /// <param name="own">The verb's sinks, opened first.</param>
    /// <param name="settings">The run's alert flags.</param>
    /// <param name="console">Where the console sink prints.</param>
    /// <param name="clearStatus">Clears a status line before the console sink prints (a no-op where there is none).</param>
    public IReadOnlyList<IAlertSink> Open(IEnumerable<AlertSinkSpec> own, AlertSinkSettings settings, TextWriter console, Action clearStatus)
    {
        var opened = new List<IAlertSink>();
        try
        {
            foreach (var spec in own.Concat(settings.Sinks).Distinct())
            {
                opened.Add(Open(spec, settings, console, clearStatus));
            }
        }
        catch (Exception ex) when (ex is UserError or IOException or UnauthorizedAccessException)
        {
            foreach (var sink in opened)
            {
                sink.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            throw;
        }

        return opened;
    }

    private IAlertSink Open(AlertSinkSpec spec, AlertSinkSettings settings, TextWriter console, Action clearStatus)
    {
        switch (spec.Kind)
        {
            case AlertSinkKind.Console:
                return new ConsoleAlertSink(console, clearStatus);
            case AlertSinkKind.JsonLines:
                try
                {
                    return new JsonLinesAlertSink(spec.Target);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new UserError($"alert sink {spec}: cannot write the file: {ex.Message}", ex);
                }

            case AlertSinkKind.Webhook:
                var webhook = WebhookOptions.Default;
                return new WebhookAlertSink(Http, new Uri(spec.Target), webhook, new AwsRetryPolicy(webhook.RetryLimits, environment.Jitter, timeProvider: environment.Time), environment.Time);
            default:
                return OpenSns(spec, settings);
        }
    }

    /// <summary>
    /// Checks, before a long run starts, what would stop an SNS sink from opening (endpoint, region, credentials), so a
    /// mistake costs a line at once and not after the training.
    /// </summary>
    public void Check(AlertSinkSettings settings)
    {
        foreach (var spec in settings.Sinks.Where(s => s.Kind == AlertSinkKind.Sns))
        {
            _ = SnsOptions(spec, settings);
        }
    }

    private SnsAlertSink OpenSns(AlertSinkSpec spec, AlertSinkSettings settings)
    {
        var options = SnsOptions(spec, settings);
        var client = new SnsClient(Http, options, new AwsRetryPolicy(options, environment.Jitter, timeProvider: environment.Time), environment.Time);
        return new SnsAlertSink(client, spec.Target, settings.Site);
    }

    private AwsClientOptions SnsOptions(AlertSinkSpec spec, AlertSinkSettings settings)
    {
        var (endpointText, source) = settings.AwsEndpoint is { } flag ? (flag, "--aws-endpoint") : (environment.SnsEndpoint, "AWS_ENDPOINT_URL_SNS / AWS_ENDPOINT_URL");
        Uri? endpoint = null;
        if (endpointText is not null && !(Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps)))
        {
            throw new UserError($"{source} '{endpointText}' is not an http or https URL");
        }

        // SNS publishes only to topics in the caller's region ("Publish", sns-2010-03-31), so without a local endpoint a
        // region that is not the topic's could never work: said now, not on the first alert.
        var region = environment.AwsRegion ?? spec.TopicRegion;
        if (endpoint is null && region != spec.TopicRegion)
        {
            throw new UserError($"--alert-sink {spec}: the topic is in {spec.TopicRegion} but AWS_REGION is {region}; SNS publishes only to topics in the caller's region");
        }

        return new AwsClientOptions(region, Credentials(spec)) { ServiceUrl = endpoint };
    }

    private AWSCredentials Credentials(AlertSinkSpec spec)
    {
        try
        {
            // Resolved once per run: the chain may probe files and endpoints, and the credentials refresh themselves.
            return _credentials ??= environment.AwsCredentials();
        }
        catch (AmazonClientException ex)
        {
            throw new UserError($"--alert-sink {spec}: no AWS credentials found (environment, profile, SSO, container or instance role): {ex.Message.ReplaceLineEndings(" ")}", ex);
        }
    }

    public void Dispose() => _http?.Dispose();
}
