namespace PumpWatch.Aws.Tests.Fakes;

/// <summary>A scripted answer; <see cref="Hang"/> answers nothing until the client gives up.</summary>
internal sealed record FakeResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, bool Hang = false)
{
    public static FakeResponse Json(int status, string body, string? requestId = null) =>
        new(status, body, requestId is null ? null : new Dictionary<string, string> { ["x-amzn-RequestId"] = requestId });

    public static FakeResponse Hanging() => new(0, "", Hang: true);
}
