namespace PumpWatch.Aws.Http;

/// <summary>
/// What the JSON protocol needs to know about a service, all from its model's <c>metadata</c>:
/// endpoint prefix, signing name, <c>targetPrefix</c> and <c>jsonVersion</c>.
/// </summary>
internal sealed record AwsServiceDescription(string ServiceName, string EndpointPrefix, string SigningName, string TargetPrefix, string JsonVersion)
{
    public string ContentType => "application/x-amz-json-" + JsonVersion;
}
