using PumpWatch.Core.Evaluation;
using PumpWatch.Core.Readings;
using PumpWatch.Simulator;

namespace PumpWatch.Cli.Evaluation;

/// <summary>
/// Which healthy change most likely set off each false alert of a fleet run, from the scenario's events on the alert's
/// pump: a stop or the two hours after it (a restarted pump is cold and its flow and pressure ramp up), a restart after
/// maintenance likewise, a load change in the two hours before the alert, a sensor swapped before it; otherwise none of
/// these (ambient drift, the daily cycle, noise, or a pump simply unlike the fleet). The first that applies, in that
/// order: an attribution for reading the numbers, not a proof.
/// </summary>
internal static class FalseAlertCauses
{
    public const string Stop = "stop or restart";
    public const string Maintenance = "restart after maintenance";
    public const string LoadChange = "load change";
    public const string SensorSwap = "sensor swap";
    public const string None = "none of these";

    public static IReadOnlyList<string> All { get; } = [Stop, Maintenance, LoadChange, SensorSwap, None];

    private static readonly long After = (long)TimeSpan.FromHours(2).TotalMicroseconds;

    public static string Of(OpenedAlert alert, IEnumerable<HealthyEvent> pumpEvents)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(pumpEvents);
        var events = pumpEvents.Select(e => (e.Kind, Start: EventTime.FromDateTimeOffset(e.Start), End: EventTime.FromDateTimeOffset(e.End))).ToList();
        bool Near(HealthyEventKind kind) => events.Exists(e => e.Kind == kind && e.Start < alert.WindowEnd && alert.WindowStart < e.End + After);
        return Near(HealthyEventKind.Stop) ? Stop
            : Near(HealthyEventKind.MaintenanceStop) ? Maintenance
            : events.Exists(e => e.Kind == HealthyEventKind.LoadChange && e.Start < alert.WindowEnd && alert.WindowStart < e.Start + After) ? LoadChange
            : events.Exists(e => e.Kind == HealthyEventKind.SensorSwap && e.Start < alert.WindowEnd) ? SensorSwap
            : None;
    }

    /// <summary>Count per cause, every cause listed, in <see cref="All"/>'s order.</summary>
    public static IReadOnlyList<FalseAlertCause> Count(IEnumerable<(OpenedAlert Alert, IEnumerable<HealthyEvent> Events)> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var counts = All.ToDictionary(c => c, _ => 0, StringComparer.Ordinal);
        foreach (var (alert, events) in alerts)
        {
            counts[Of(alert, events)]++;
        }

        return [.. All.Select(c => new FalseAlertCause(c, counts[c]))];
    }
}
