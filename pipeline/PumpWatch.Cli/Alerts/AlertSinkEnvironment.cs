using Amazon.Runtime;

namespace PumpWatch.Cli.Alerts;

/// <summary>
/// What sinks that reach services take from the process's environment, read once by the composition root
/// (<c>Program.cs</c>): the AWS region (<c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>), an SNS endpoint override
/// (<c>AWS_ENDPOINT_URL_SNS</c>, else <c>AWS_ENDPOINT_URL</c>: the AWS SDKs' service-specific endpoint variables), how to
/// resolve credentials (asked only when an SNS sink is opened), the retry jitter source and the clock.
/// </summary>
internal sealed record AlertSinkEnvironment(string? AwsRegion, string? SnsEndpoint, Func<AWSCredentials> AwsCredentials, Random Jitter, TimeProvider Time);
