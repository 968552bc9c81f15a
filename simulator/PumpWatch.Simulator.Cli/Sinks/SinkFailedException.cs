namespace PumpWatch.Simulator.Cli.Sinks;

/// <summary>A sink that cannot go on (bad file, unknown stream, refused connection): the message is the one line the user sees.</summary>
internal sealed class SinkFailedException : Exception
{
    public SinkFailedException()
    {
    }

    public SinkFailedException(string message)
        : base(message)
    {
    }

    public SinkFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
