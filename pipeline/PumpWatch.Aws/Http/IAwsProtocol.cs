using System.Net;

namespace PumpWatch.Aws.Http;

/// <summary>
/// What differs between the AWS wire protocols for one service (awsJson1_x, awsQuery): the names it signs and is
/// reached by, the headers a request carries besides those signing adds, and how an error body reads. Everything
/// else (credentials, signing, sending the signed bytes, retries, the log line) is <see cref="AwsCallInvoker"/>'s.
/// </summary>
internal interface IAwsProtocol
{
    /// <summary>Service name as in the log line and in <see cref="AwsServiceException.Service"/>, e.g. <c>SNS</c>.</summary>
    string ServiceName { get; }

    /// <summary>The model's <c>metadata.endpointPrefix</c>: the host is <c>{prefix}.{region}.amazonaws.com</c>.</summary>
    string EndpointPrefix { get; }

    /// <summary>The model's <c>metadata.signingName</c> (its <c>endpointPrefix</c> when the model has none).</summary>
    string SigningName { get; }

    /// <summary>The request's own headers for <paramref name="operation"/>: Content-Type and, for JSON, X-Amz-Target.</summary>
    IReadOnlyList<KeyValuePair<string, string>> RequestHeaders(string operation);

    /// <summary>Reads a non-2xx answer; a body in no known shape still gives an error (code <c>Unknown</c>).</summary>
    AwsCallError ParseError(HttpStatusCode status, byte[] body, string? requestId, string? errorTypeHeader);
}
