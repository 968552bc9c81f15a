using Amazon.Runtime;

namespace PumpWatch.Aws.Configuration;

/// <summary>
/// How one AWS client reaches its service: region, an endpoint override for local servers, credentials,
/// per-attempt timeout and the retry limits. Built once by the composition root and never changed.
/// </summary>
/// <param name="Region">Signing region and, without <see cref="ServiceUrl"/>, the endpoint's region.</param>
/// <param name="Credentials">
/// Credentials to sign with; asked for on every attempt so that temporary credentials refresh.
/// The composition root usually passes <see cref="AwsCredentialChain.Resolve"/>.
/// </param>
public sealed record AwsClientOptions(string Region, AWSCredentials Credentials)
{
    /// <summary>Endpoint override (kinesalite, a test server); null means the service's regional endpoint.</summary>
    public Uri? ServiceUrl { get; init; }

    /// <summary>Timeout of one attempt (send and read the whole response); a timed-out attempt is retried.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per call, the first included (AWS SDK standard mode uses 3).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Base of the exponential backoff: the cap before jitter is BaseDelay * 2^retry.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Largest backoff cap for one retry (AWS SDK standard mode caps at 20 s).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Total backoff one call may spend waiting between attempts. A retry whose delay would take the call
    /// past it is not made, so a throttled caller gives up within a known time instead of after MaxAttempts.
    /// </summary>
    public TimeSpan RetryBudget { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The endpoint to call: the override, or the service's public regional endpoint.</summary>
    public Uri EndpointFor(string endpointPrefix) =>
        ServiceUrl ?? new Uri($"https://{endpointPrefix}.{Region}.amazonaws.com/");
}
