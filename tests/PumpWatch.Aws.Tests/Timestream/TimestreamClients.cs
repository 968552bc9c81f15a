using Microsoft.Extensions.Logging;
using PumpWatch.Aws.Configuration;
using PumpWatch.Aws.Tests.Fakes;
using PumpWatch.Aws.Timestream.Discovery;
using PumpWatch.Aws.Timestream.Query;
using PumpWatch.Aws.Timestream.Write;

namespace PumpWatch.Aws.Tests.Timestream;

/// <summary>Timestream clients for a local server, built as a composition root would (seeded jitter, non-sleeping wait). Discovery is off unless a test turns it on.</summary>
internal static class TimestreamClients
{
    public static TimestreamWriteClient Write(HttpClient http, AwsClientOptions options, RecordingDelay? delay = null, ILogger? logger = null,
        TimeProvider? time = null, TimestreamEndpointDiscovery discovery = TimestreamEndpointDiscovery.Disabled) =>
        new(http, options, Clients.Retry(options, delay), time ?? TimeProvider.System, logger, discovery);

    public static TimestreamQueryClient Query(HttpClient http, AwsClientOptions options, RecordingDelay? delay = null, ILogger? logger = null,
        TimeProvider? time = null, TimestreamEndpointDiscovery discovery = TimestreamEndpointDiscovery.Disabled) =>
        new(http, options, Clients.Retry(options, delay), time ?? TimeProvider.System, logger, discovery);

    /// <summary>Options for a local server with a small, fast retry configuration.</summary>
    public static AwsClientOptions Options(Uri url, int maxAttempts = 4) =>
        Clients.Options(url) with
        {
            MaxAttempts = maxAttempts,
            BaseDelay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(1),
            RetryBudget = TimeSpan.FromSeconds(10),
        };
}
