using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PumpWatch.Aws.Tests.Fakes;

/// <summary>Keeps every log line with its structured values, for asserting the one-line-per-call contract.</summary>
internal sealed class CapturingLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Values)> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = new Dictionary<string, object?>();
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var (key, value) in pairs)
            {
                values[key] = value;
            }
        }

        Lines.Enqueue((logLevel, formatter(state, exception), values));
    }
}
