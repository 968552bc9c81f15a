namespace PumpWatch.Core.Alerts;

/// <summary>How far over the threshold a pump is.</summary>
public enum AlertSeverity
{
    Warning,
    Critical,
}

/// <summary>What happened to a pump's alert.</summary>
public enum AlertEventKind
{
    Opened,
    Escalated,
    Resolved,
}
