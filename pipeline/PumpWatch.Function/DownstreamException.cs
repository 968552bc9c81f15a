namespace PumpWatch.Function;

/// <summary>A store or service the function writes to did not take its results after the client's retries: the invocation fails so that Lambda retries it.</summary>
public sealed class DownstreamException(string message) : Exception(message);
