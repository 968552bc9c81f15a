using System.Net;

namespace PumpWatch.Aws.Http;

/// <summary>
/// An awsJson1_0/1_1 service, all from its model's <c>metadata</c>: endpoint prefix, signing name, <c>targetPrefix</c>
/// and <c>jsonVersion</c>. Requests carry <c>X-Amz-Target: {targetPrefix}.{Operation}</c>; errors read with <see cref="AwsErrorParser"/>.
/// </summary>
internal sealed record AwsServiceDescription(string ServiceName, string EndpointPrefix, string SigningName, string TargetPrefix, string JsonVersion)
    : IAwsProtocol
{
    public string ContentType => "application/x-amz-json-" + JsonVersion;

    public IReadOnlyList<KeyValuePair<string, string>> RequestHeaders(string operation) =>
        [new("Content-Type", ContentType), new("X-Amz-Target", TargetPrefix + "." + operation)];

    public AwsCallError ParseError(HttpStatusCode status, byte[] body, string? requestId, string? errorTypeHeader) =>
        AwsErrorParser.Parse(status, body, requestId, errorTypeHeader);
}
