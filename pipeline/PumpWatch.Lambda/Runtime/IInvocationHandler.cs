namespace PumpWatch.Lambda.Runtime;

/// <summary>
/// The function as the runtime loop sees it: the invocation's payload (the event JSON, as Lambda sent it) in, the
/// response body out. Throwing reports the invocation as failed (Lambda retries the whole batch); a batch that
/// partly failed is an ordinary response (<c>batchItemFailures</c>), never an exception.
/// </summary>
public interface IInvocationHandler
{
    /// <param name="payload">The event, exactly the body of <c>GET /runtime/invocation/next</c>; the runtime reuses its buffer, so it is valid only until the call returns.</param>
    /// <param name="context">Request id, deadline, function ARN and trace header of this invocation.</param>
    /// <param name="cancel">Fires shortly before <see cref="InvocationContext.Deadline"/>: time to return what is done.</param>
    /// <returns>The response body; it may lie in a buffer the handler reuses, since the loop posts it before the next call.</returns>
    ValueTask<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancel);
}
