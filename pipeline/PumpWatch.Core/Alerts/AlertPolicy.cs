using System.Numerics;

namespace PumpWatch.Core.Alerts;

/// <summary>
/// The alert rule over successive window scores of one pump, as a pure function of state and score:
/// k of n windows above the threshold opens an alert (subject to the cooldown), a larger margin escalates it,
/// m normal windows in a row resolve it. Where alerts get their cooldown: here.
/// </summary>
public sealed class AlertPolicy
{
    private readonly AlertPolicyOptions _options;
    private readonly int _maskBits;

    public AlertPolicy(AlertPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _options = options;
        _maskBits = (1 << options.N) - 1;
    }

    public AlertPolicyOptions Options => _options;

    public AlertSeverity SeverityOf(double score, double threshold) =>
        score - threshold >= _options.CriticalMargin ? AlertSeverity.Critical : AlertSeverity.Warning;

    /// <summary>Advances <paramref name="state"/> by one window ending at <paramref name="windowEnd"/>; returns the event, if any.</summary>
    public AlertDecision? Evaluate(ref AlertState state, long windowEnd, double score, double threshold)
    {
        var exceeds = score > threshold;
        var mask = ((state.RecentMask << 1) | (exceeds ? 1 : 0)) & _maskBits;
        var severity = SeverityOf(score, threshold);
        if (!state.Open)
        {
            state = state with { RecentMask = mask, NormalStreak = exceeds ? 0 : state.NormalStreak + 1 };
            if (!exceeds || BitOperations.PopCount((uint)mask) < _options.K)
            {
                return null;
            }

            var inCooldown = state.LastAlertAt != long.MinValue && windowEnd - state.LastAlertAt < _options.CooldownMicros;
            if (inCooldown && severity <= state.LastAlertSeverity)
            {
                return null;
            }

            state = state with
            {
                Open = true, Severity = severity, OpenedAt = windowEnd, LastAlertAt = windowEnd,
                LastAlertSeverity = severity, NormalStreak = 0,
            };
            return new AlertDecision(AlertEventKind.Opened, severity, windowEnd);
        }

        if (exceeds)
        {
            state = state with { RecentMask = mask, NormalStreak = 0 };
            if (severity > state.Severity)
            {
                state = state with { Severity = severity, LastAlertAt = windowEnd, LastAlertSeverity = severity };
                return new AlertDecision(AlertEventKind.Escalated, severity, state.OpenedAt);
            }

            return null;
        }

        var streak = state.NormalStreak + 1;
        if (streak >= _options.ResolveAfter)
        {
            var opened = state.OpenedAt;
            var resolvedSeverity = state.Severity;
            state = state with { RecentMask = 0, Open = false, NormalStreak = streak };
            return new AlertDecision(AlertEventKind.Resolved, resolvedSeverity, opened);
        }

        state = state with { RecentMask = mask, NormalStreak = streak };
        return null;
    }
}
