namespace PumpWatch.Lambda.Runtime;

/// <summary>
/// What init produces: the handler, and how long before each invocation's deadline its cancellation token fires
/// (the time the handler keeps to return what it has done and for the response to reach Lambda).
/// </summary>
internal sealed record FunctionSetup(IInvocationHandler Handler, TimeSpan CancelBeforeDeadline)
{
    /// <summary>
    /// One second: ample for a handler that stops at its token to serialise the window state (at most 1 MB per shard)
    /// and post it over the local Runtime API; small next to a Kinesis consumer's timeout of a minute or more.
    /// </summary>
    public static readonly TimeSpan DefaultCancelBeforeDeadline = TimeSpan.FromSeconds(1);
}
