namespace PumpWatch.Aws.Tests.Fakes;

/// <summary>An injected backoff wait that records each delay and returns at once, so retry tests do not sleep.</summary>
internal sealed class RecordingDelay
{
    private readonly List<TimeSpan> _delays = [];

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_delays)
            {
                return [.. _delays];
            }
        }
    }

    public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_delays)
        {
            _delays.Add(delay);
        }

        return Task.CompletedTask;
    }
}
