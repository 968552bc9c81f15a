using System.Net;

namespace PumpWatch.Aws.Http;

/// <summary>
/// An awsQuery service (SNS, SQS's older protocol, STS), from its model's <c>metadata</c>: endpoint prefix, signing name
/// and <c>apiVersion</c>. Requests are form-urlencoded POSTs to <c>/</c> starting <c>Action={Operation}&amp;Version={apiVersion}</c>;
/// errors read with <see cref="AwsQueryErrorParser"/>.
/// </summary>
internal sealed record AwsQueryServiceDescription(string ServiceName, string EndpointPrefix, string SigningName, string ApiVersion)
    : IAwsProtocol
{
    /// <summary>
    /// The Content-Type signed and sent. The official JavaScript SDK v3 sends it without a charset; the body is
    /// percent-encoded ASCII, so a charset would say nothing, and leaving it out keeps our requests comparable with that SDK's.
    /// </summary>
    public const string ContentType = "application/x-www-form-urlencoded";

    public IReadOnlyList<KeyValuePair<string, string>> RequestHeaders(string operation) => [new("Content-Type", ContentType)];

    public AwsCallError ParseError(HttpStatusCode status, byte[] body, string? requestId, string? errorTypeHeader) =>
        AwsQueryErrorParser.Parse(status, body, requestId);
}
