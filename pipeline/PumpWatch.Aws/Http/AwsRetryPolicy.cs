using PumpWatch.Aws.Configuration;

namespace PumpWatch.Aws.Http;

/// <summary>
/// Exponential backoff with full jitter ("Exponential Backoff And Jitter", AWS Architecture Blog, 2015):
/// retry n waits a uniform random time in [0, min(MaxDelay, BaseDelay * 2^n)], within a per-call attempt
/// limit and a per-call budget of total waiting. The random source is seeded by the caller and the wait is
/// injectable, so tests neither sleep nor depend on chance.
/// </summary>
public sealed class AwsRetryPolicy
{
    private readonly Random _random;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;

    /// <param name="options">Attempt limit, backoff base and cap, and budget.</param>
    /// <param name="random">Seeded jitter source (shared by concurrent calls; access is serialised here).</param>
    /// <param name="delay">How to wait; null waits for real on <paramref name="timeProvider"/>.</param>
    /// <param name="timeProvider">Clock for real waits; null means the system clock.</param>
    public AwsRetryPolicy(AwsClientOptions options, Random random, Func<TimeSpan, CancellationToken, Task>? delay = null, TimeProvider? timeProvider = null)
        : this(RetryLimits(options), random, delay, timeProvider)
    {
    }

    /// <summary>The same backoff for calls that are not AWS calls (an alert webhook), with limits given directly.</summary>
    /// <param name="limits">Attempts per call (the first included), backoff base, cap of one wait, and total waiting budget.</param>
    /// <param name="random">Seeded jitter source.</param>
    /// <param name="delay">How to wait; null waits for real on <paramref name="timeProvider"/>.</param>
    /// <param name="timeProvider">Clock for real waits; null means the system clock.</param>
    public AwsRetryPolicy((int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan Budget) limits, Random random, Func<TimeSpan, CancellationToken, Task>? delay = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxAttempts);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.BaseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.Budget, TimeSpan.Zero);
        (MaxAttempts, BaseDelay, MaxDelay, Budget) = limits;
        _random = random;
        var time = timeProvider ?? TimeProvider.System;
        _delay = delay ?? ((wait, token) => Task.Delay(wait, time, token));
    }

    private static (int, TimeSpan, TimeSpan, TimeSpan) RetryLimits(AwsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (options.MaxAttempts, options.BaseDelay, options.MaxDelay, options.RetryBudget);
    }

    public int MaxAttempts { get; }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    public TimeSpan Budget { get; }

    /// <summary>The cap before jitter for retry <paramref name="retry"/> (0 for the first retry).</summary>
    public TimeSpan CapFor(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retry);
        // 2^retry overflows a double's exact range long after it passes any sensible MaxDelay; clamp first.
        var factor = Math.Pow(2, Math.Min(retry, 62));
        var ticks = Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * factor);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>A full-jitter delay for retry <paramref name="retry"/>: uniform in [0, <see cref="CapFor"/>].</summary>
    public TimeSpan NextDelay(int retry)
    {
        var cap = CapFor(retry);
        double u;
        lock (_random)
        {
            u = _random.NextDouble();
        }

        return TimeSpan.FromTicks((long)(cap.Ticks * u));
    }

    /// <summary>
    /// Decides whether another attempt follows <paramref name="attemptsMade"/> attempts (attempt limit and budget) and, if so, how long
    /// to wait. <paramref name="waited"/> is the backoff this call has already spent.
    /// </summary>
    public bool TryGetDelay(int attemptsMade, TimeSpan waited, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (attemptsMade >= MaxAttempts)
        {
            return false;
        }

        var next = NextDelay(attemptsMade - 1);
        if (waited + next > Budget)
        {
            return false;
        }

        delay = next;
        return true;
    }

    /// <summary>Waits <paramref name="delay"/> through the injected wait.</summary>
    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) => _delay(delay, cancellationToken);
}
