namespace PumpWatch.Lambda.Tests.RuntimeApi;

/// <summary>
/// An answer the local Runtime API gives on <c>next</c>: an invocation (the event and the documented headers; a null
/// header is left out, to test what the runtime does without it), or with <paramref name="Status"/> other than 200
/// an error status such as the 500 "container error" of the OpenAPI specification.
/// </summary>
internal sealed record QueuedInvocation(string? RequestId, byte[] Payload, string? DeadlineMs, string? FunctionArn = null, string? TraceId = null, int Status = 200)
{
    public static QueuedInvocation Failure(int status) => new(null, [], null, Status: status);
}
