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
    public static FakeResponse TopicNotFound { get; } = Xml(404, """
        <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
          <Error>
            <Type>Sender</Type>
            <Code>NotFound</Code>
            <Message>Topic does not exist</Message>
          </Error>
          <RequestId>9dd01905-5012-5f99-8663-4b3ecd0dfaef</RequestId>
        </ErrorResponse>
        """, "9dd01905-5012-5f99-8663-4b3ecd0dfaef");

    /// <summary>ThrottledException: code Throttled, HTTP 429.</summary>
    public static FakeResponse Throttled { get; } = Xml(429, """
        <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
          <Error>
            <Type>Sender</Type>
            <Code>Throttled</Code>
            <Message>Rate exceeded</Message>
          </Error>
          <RequestId>0c9bd3b2-8ba4-5f3d-b4ea-31f3c2d40f36</RequestId>
        </ErrorResponse>
        """, "0c9bd3b2-8ba4-5f3d-b4ea-31f3c2d40f36");

    /// <summary>InternalErrorException: code InternalError, HTTP 500, server fault.</summary>
    public static FakeResponse InternalError { get; } = Xml(500, """
        <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
          <Error>
            <Type>Receiver</Type>
            <Code>InternalError</Code>
            <Message>Internal error</Message>
          </Error>
          <RequestId>c1d6a3a5-7e5b-5a45-9b8e-2f2d3c7f1a11</RequestId>
        </ErrorResponse>
        """, "c1d6a3a5-7e5b-5a45-9b8e-2f2d3c7f1a11");

    private static FakeResponse Xml(int status, string body, string requestId) =>
        new(status, body, new Dictionary<string, string> { ["x-amzn-RequestId"] = requestId }) { ContentType = XmlContentType };
}
