namespace PumpWatch.Lambda.Runtime;

/// <summary>
/// One answer of <c>GET /runtime/invocation/next</c> as it came: the event payload and the invocation headers, the
/// deadline still as text (the loop decides what an unreadable one means).
/// </summary>
internal sealed record NextInvocation(string RequestId, byte[] Payload, string? DeadlineMs, string? InvokedFunctionArn, string? TraceId);
