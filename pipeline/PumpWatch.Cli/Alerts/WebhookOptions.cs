namespace PumpWatch.Cli.Alerts;

/// <summary>
/// How hard the webhook sink tries: each attempt times out after <see cref="AttemptTimeout"/>; 5xx, 408, 429, timeouts
/// and broken connections are retried with full-jitter backoff within <see cref="MaxAttempts"/> and <see cref="RetryBudget"/>.
/// </summary>
internal sealed record WebhookOptions
{
    public static WebhookOptions Default { get; } = new();

    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public int MaxAttempts { get; init; } = 4;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Total backoff one alert may wait between attempts, so a dead receiver delays a run by a known time.</summary>
    public TimeSpan RetryBudget { get; init; } = TimeSpan.FromSeconds(15);

    public (int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan Budget) RetryLimits => (MaxAttempts, BaseDelay, MaxDelay, RetryBudget);
}
