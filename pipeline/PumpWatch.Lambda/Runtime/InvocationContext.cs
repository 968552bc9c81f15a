namespace PumpWatch.Lambda.Runtime;

/// <summary>
/// What Lambda says about one invocation, from the headers of <c>GET /runtime/invocation/next</c>: its request id,
/// when Lambda stops it (the deadline), the ARN it was invoked by (function, version or alias) and the X-Ray
/// tracing header, when Lambda sent one.
/// </summary>
public sealed record InvocationContext(string RequestId, DateTimeOffset Deadline, string? InvokedFunctionArn, string? TraceId);
