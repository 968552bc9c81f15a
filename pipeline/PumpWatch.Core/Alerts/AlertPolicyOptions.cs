namespace PumpWatch.Core.Alerts;

/// <summary>
/// When alerts open, escalate and resolve: open when <paramref name="K"/> of the last <paramref name="N"/> window
/// scores exceed the threshold; critical when a score exceeds it by <paramref name="CriticalMargin"/> or more;
/// no new alert within <paramref name="Cooldown"/> of the last one unless severity escalates; resolve after
/// <paramref name="ResolveAfter"/> consecutive normal windows.
/// </summary>
public sealed record AlertPolicyOptions(int K = 2, int N = 3, double CriticalMargin = 0.05, TimeSpan? Cooldown = null, int ResolveAfter = 5)
{
    public static AlertPolicyOptions Default { get; } = new();

    public long CooldownMicros => (long)(Cooldown ?? TimeSpan.FromMinutes(30)).TotalMicroseconds;

    /// <summary>Checks the values; returns the first problem or null.</summary>
    public string? Problem() =>
        N is < 1 or > 30 ? $"alert window n = {N} must be 1..30"
        : K < 1 || K > N ? $"alert k = {K} must be 1..n ({N})"
        : !(CriticalMargin >= 0) ? $"critical margin {CriticalMargin} must be >= 0"
        : ResolveAfter < 1 ? $"resolve-after {ResolveAfter} must be >= 1"
        : CooldownMicros < 0 ? "cooldown must not be negative"
        : null;
}
