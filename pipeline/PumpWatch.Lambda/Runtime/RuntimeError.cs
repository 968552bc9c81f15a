namespace PumpWatch.Lambda.Runtime;

/// <summary>
/// The body of an invocation or init error, in Lambda's standard error format (<c>errorMessage</c>, <c>errorType</c>).
/// The optional <c>stackTrace</c> is left out on purpose: the body travels to the invoker and on-failure destinations,
/// while the stack trace goes to the function's own log (CloudWatch) only.
/// </summary>
internal sealed record RuntimeError(string ErrorMessage, string ErrorType)
{
    /// <summary>An exception as Lambda should see it: its type name (as Amazon.Lambda.RuntimeSupport reports it) and its message.</summary>
    public static RuntimeError From(Exception exception) => new(exception.Message, exception.GetType().Name);
}
