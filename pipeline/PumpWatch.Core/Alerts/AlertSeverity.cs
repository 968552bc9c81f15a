namespace PumpWatch.Core.Alerts;

/// <summary>How far over the threshold a pump is.</summary>
public enum AlertSeverity
{
    Warning,
    Critical,
}
