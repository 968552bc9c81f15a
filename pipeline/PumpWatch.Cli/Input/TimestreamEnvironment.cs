using Amazon.Runtime;

namespace PumpWatch.Cli.Input;

/// <summary>
/// What a <c>timestream://</c> input takes from the process's environment, read once by the composition root
/// (<c>Program.cs</c>): the region (<c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>), a Timestream Query endpoint override
/// (<c>AWS_ENDPOINT_URL_TIMESTREAM_QUERY</c>, else <c>AWS_ENDPOINT_URL</c>: the AWS SDKs' service-specific endpoint
/// variables, service id "Timestream Query"), endpoint discovery (<c>AWS_ENABLE_ENDPOINT_DISCOVERY</c>, the SDKs' setting:
/// true, false, or unset for the SDKs' rule), how to resolve credentials (asked only when such an input is opened), the
/// retry jitter source and the clock.
/// </summary>
internal sealed record TimestreamEnvironment(
    string? AwsRegion, string? QueryEndpoint, string? EndpointDiscovery, Func<AWSCredentials> AwsCredentials, Random Jitter, TimeProvider Time);
