namespace PumpWatch.Aws.Tests.Fakes;

/// <summary>A scripted answer; <see cref="Hang"/> answers nothing until the client gives up.</summary>
internal sealed record FakeResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, bool Hang = false)
{
    /// <summary>The JSON protocols' type by default; the query protocol (SNS) answers text/xml.</summary>
    public string ContentType { get; init; } = "application/x-amz-json-1.1";

    public static FakeResponse Json(int status, string body, string? requestId = null) =>
        new(status, body, RequestIdHeader(requestId));

    /// <summary>An awsQuery answer (SNS): XML, as the service sends it.</summary>
    public static FakeResponse Xml(int status, string body, string? requestId = null) =>
        new(status, body, RequestIdHeader(requestId)) { ContentType = "text/xml" };

    public static FakeResponse Hanging() => new(0, "", Hang: true);

    private static Dictionary<string, string>? RequestIdHeader(string? requestId) =>
        requestId is null ? null : new Dictionary<string, string> { ["x-amzn-RequestId"] = requestId };
}
