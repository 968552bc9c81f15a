namespace PumpWatch.Core.Alerts;

/// <summary>What happened to a pump's alert.</summary>
public enum AlertEventKind
{
    Opened,
    Escalated,
    Resolved,
}
