namespace PumpWatch.Lambda.Runtime;

/// <summary>
/// The function cannot start with the configuration it was given (an environment variable missing or malformed, a
/// model that does not fit the event source mapping). Thrown during init; the runtime reports it to
/// <c>/runtime/init/error</c> with this type name and exits.
/// </summary>
internal sealed class FunctionConfigurationException : Exception
{
    public FunctionConfigurationException()
    {
    }

    public FunctionConfigurationException(string message)
        : base(message)
    {
    }

    public FunctionConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
