using PumpWatch.Lambda.Runtime;

namespace PumpWatch.Lambda.Tests.Runtime;

/// <summary>A handler written inline by a test.</summary>
internal sealed class DelegateHandler(Func<ReadOnlyMemory<byte>, InvocationContext, CancellationToken, ValueTask<ReadOnlyMemory<byte>>> handle) : IInvocationHandler
{
    public ValueTask<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancel) =>
        handle(payload, context, cancel);
}
