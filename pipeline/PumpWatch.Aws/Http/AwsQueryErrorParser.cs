using System.Net;
using System.Xml;

namespace PumpWatch.Aws.Http;

/// <summary>
/// Reads the error of an awsQuery response: <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;&lt;/ErrorResponse&gt;</c>
/// (Smithy's awsQuery protocol, "Operation error serialization"). The request id is the <c>x-amzn-RequestId</c> header's,
/// else the body's. A body that is not such XML still yields an error, classified by its status.
/// </summary>
internal static class AwsQueryErrorParser
{
    public static AwsCallError Parse(HttpStatusCode status, byte[] body, string? requestId)
    {
        string? code = null;
        string? message = null;
        string? bodyRequestId = null;
        try
        {
            var root = QueryXml.Load(body);
            if (root.Name.LocalName != "ErrorResponse")
            {
                throw new XmlException($"the root element is <{root.Name.LocalName}>, not <ErrorResponse>");
            }

            var error = QueryXml.Child(root, "Error");
            code = QueryXml.Child(error, "Code")?.Value;
            message = QueryXml.Child(error, "Message")?.Value;
            bodyRequestId = QueryXml.Child(root, "RequestId")?.Value;
        }
        catch (XmlException ex)
        {
            message = $"error body is not an awsQuery XML error ({body.Length} bytes): {ex.Message}";
        }

        var errorCode = string.IsNullOrWhiteSpace(code) ? AwsErrorParser.UnknownCode : code.Trim();
        return new AwsCallError(status, errorCode, message ?? "", requestId ?? bodyRequestId, RetryClassifier.IsRetryable(status, errorCode));
    }
}
