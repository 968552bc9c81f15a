namespace PumpWatch.Lambda.Runtime;

/// <summary>
/// The Runtime API answered in a way the runtime cannot go on from (an error status on <c>next</c>, a 5xx on any
/// call, an invocation without a request id). The OpenAPI specification says a runtime should then exit promptly.
/// </summary>
internal sealed class RuntimeApiException : Exception
{
    public RuntimeApiException()
    {
    }

    public RuntimeApiException(string message)
        : base(message)
    {
    }

    public RuntimeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
