namespace PumpWatch.Core.Alerts;

/// <summary>Alert event names as stored, printed and sent to subscribers (snake_case, stable).</summary>
public static class AlertEventKindCodes
{
    public static string Code(this AlertEventKind kind) => kind switch
    {
        AlertEventKind.Opened => "opened",
        AlertEventKind.Escalated => "escalated",
        AlertEventKind.Resolved => "resolved",
        AlertEventKind.PumpSilent => "pump_silent",
        AlertEventKind.PumpResumed => "pump_resumed",
        _ => "unknown",
    };

    /// <summary>True for the events about a pump's reporting (silent, resumed) rather than its readings' anomaly score.</summary>
    public static bool IsSilence(this AlertEventKind kind) => kind is AlertEventKind.PumpSilent or AlertEventKind.PumpResumed;
}
