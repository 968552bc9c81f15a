using PumpWatch.Core.Evaluation;
using PumpWatch.Core.Readings;
using PumpWatch.Simulator;

namespace PumpWatch.Cli.Evaluation;

/// <summary>
/// Which healthy change most likely set off each false alert of a fleet run, from the scenario's events on the alert's
/// pump, the first that applies in this order: the pump was stopped (for a start/stop cycle or a repair) during the
/// alert's window; it had restarted within two hours (a restarted pump is cold, its flow and pressure ramp up); after a
/// repair likewise; its load changed within two hours; a sensor of it had been swapped; otherwise none of these (ambient
/// drift, the daily cycle, noise, or a pump unlike the fleet). An attribution for reading the numbers, not a proof.
/// </summary>
internal static class FalseAlertCauses
{
    public const string Stopped = "pump stopped";
    public const string Restart = "restart (2 h)";
    public const string Maintenance = "restart after repair (2 h)";
    public const string LoadChange = "load change (2 h)";
    public const string SensorSwap = "after a sensor swap";
    public const string None = "none of these";

    public static IReadOnlyList<string> All { get; } = [Stopped, Restart, Maintenance, LoadChange, SensorSwap, None];

    private static readonly long After = (long)TimeSpan.FromHours(2).TotalMicroseconds;

    public static string Of(OpenedAlert alert, IEnumerable<HealthyEvent> pumpEvents)
    {
        var events = pumpEvents.Select(e => (e.Kind, Start: EventTime.FromDateTimeOffset(e.Start), End: EventTime.FromDateTimeOffset(e.End))).ToList();
        bool During(long start, long end) => start < alert.WindowEnd && alert.WindowStart < end;
        bool Stop((HealthyEventKind Kind, long, long) e) => e.Kind is HealthyEventKind.Stop or HealthyEventKind.MaintenanceStop;
        return events.Exists(e => Stop(e) && During(e.Start, e.End)) ? Stopped
            : events.Exists(e => e.Kind == HealthyEventKind.Stop && During(e.End, e.End + After)) ? Restart
            : events.Exists(e => e.Kind == HealthyEventKind.MaintenanceStop && During(e.End, e.End + After)) ? Maintenance
            : events.Exists(e => e.Kind == HealthyEventKind.LoadChange && During(e.Start, e.Start + After)) ? LoadChange
            : events.Exists(e => e.Kind == HealthyEventKind.SensorSwap && e.Start < alert.WindowEnd) ? SensorSwap
            : None;
    }

    /// <summary>Count per cause, every cause listed, in <see cref="All"/>'s order.</summary>
    public static IReadOnlyList<FalseAlertCause> Count(IEnumerable<string> causes)
    {
        var counts = All.ToDictionary(c => c, _ => 0, StringComparer.Ordinal);
        foreach (var cause in causes)
        {
            counts[cause]++;
        }

        return [.. All.Select(c => new FalseAlertCause(c, counts[c]))];
    }
}
