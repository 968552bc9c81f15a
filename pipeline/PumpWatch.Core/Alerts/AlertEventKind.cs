namespace PumpWatch.Core.Alerts;

/// <summary>What happened to a pump's alert; <see cref="AlertEventKindCodes.Code"/> gives the stored name.</summary>
public enum AlertEventKind
{
    Opened,
    Escalated,
    Resolved,

    /// <summary>The stream moved on without the pump for longer than the configured silence: a dead pump or a dead link.</summary>
    PumpSilent,

    /// <summary>A silent pump sent a reading again.</summary>
    PumpResumed,
}
