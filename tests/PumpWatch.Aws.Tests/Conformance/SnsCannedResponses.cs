using PumpWatch.Aws.Tests.Fakes;

namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>
/// SNS answers written from the service model sns-2010-03-31 (awsQuery: the output wrapped in
/// <c>&lt;PublishResponse&gt;&lt;PublishResult&gt;</c>, errors as <c>&lt;ErrorResponse&gt;&lt;Error&gt;</c> with the
/// error's wire code, e.g. <c>NotFound</c> for NotFoundException, and its HTTP status from the model).
/// </summary>
internal static class SnsCannedResponses
{
    public const string XmlContentType = "text/xml";
    public const string MessageId = "94f20ce6-13c5-43a0-9a9e-ca52d816e90b";

    public static FakeResponse Published { get; } = Xml(200, $"""
        <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
          <PublishResult>
            <MessageId>{MessageId}</MessageId>
          </PublishResult>
          <ResponseMetadata>
            <RequestId>f187a3c1-376f-11df-8963-01868b7c937a</RequestId>
          </ResponseMetadata>
        </PublishResponse>
        """, "f187a3c1-376f-11df-8963-01868b7c937a");

    /// <summary>NotFoundException: code NotFound, HTTP 404, sender fault.</summary>
    public static FakeResponse TopicNotFound { get; } = Error(404, "Sender", "NotFound", "Topic does not exist", "9dd01905-5012-5f99-8663-4b3ecd0dfaef");

    /// <summary>ThrottledException: code Throttled, HTTP 429.</summary>
    public static FakeResponse Throttled { get; } = Error(429, "Sender", "Throttled", "Rate exceeded", "0c9bd3b2-8ba4-5f3d-b4ea-31f3c2d40f36");

    /// <summary>InternalErrorException: code InternalError, HTTP 500, server fault.</summary>
    public static FakeResponse InternalError { get; } = Error(500, "Receiver", "InternalError", "Internal error", "c1d6a3a5-7e5b-5a45-9b8e-2f2d3c7f1a11");

    /// <summary>The awsQuery error document: the fault side (Sender/Receiver), the code from the model's awsQueryError trait, the message.</summary>
    private static FakeResponse Error(int status, string fault, string code, string message, string requestId) => Xml(status, $"""
        <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
          <Error>
            <Type>{fault}</Type>
            <Code>{code}</Code>
            <Message>{message}</Message>
          </Error>
          <RequestId>{requestId}</RequestId>
        </ErrorResponse>
        """, requestId);

    private static FakeResponse Xml(int status, string body, string requestId) =>
        new(status, body, new Dictionary<string, string> { ["x-amzn-RequestId"] = requestId }) { ContentType = XmlContentType };
}
