namespace PumpWatch.Function;

/// <summary>The invocation's event is not what the event source mapping sends (no window, no shard): a deployment mistake, reported as the invocation's error.</summary>
public sealed class InvalidEventException(string message) : Exception(message);
