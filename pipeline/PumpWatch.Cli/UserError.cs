namespace PumpWatch.Cli;

/// <summary>A mistake in the user's input (file, flag, data): printed as one line, exit code 2, no stack trace.</summary>
internal sealed class UserError : Exception
{
    public UserError(string message)
        : base(message)
    {
    }

    public UserError()
        : this("invalid input")
    {
    }

    public UserError(string message, Exception inner)
        : base(message, inner)
    {
    }
}
