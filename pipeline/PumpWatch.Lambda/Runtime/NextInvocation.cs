namespace PumpWatch.Lambda.Runtime;

/// <summary>
/// One answer of <c>GET /runtime/invocation/next</c> as it came: the event payload and the invocation headers, the
/// deadline still as text (the loop decides what an unreadable one means). <see cref="Payload"/> lies in the client's
/// receive buffer: it is valid until the client's next <c>GetNextInvocationAsync</c>.
/// </summary>
internal sealed record NextInvocation(string RequestId, ReadOnlyMemory<byte> Payload, string? DeadlineMs, string? InvokedFunctionArn, string? TraceId);
