namespace PumpWatch.Simulator;

/// <summary>Healthy changes of operation the fleet scenario puts in, none of which is a fault: the detector must not alarm on them.</summary>
public enum HealthyEventKind
{
    /// <summary>A start/stop cycle: the pump is off (flow and pressure near zero, temperature cooling) and starts again.</summary>
    Stop,

    /// <summary>The pump is off for repair after a fault ended by maintenance, and starts again healthy.</summary>
    MaintenanceStop,

    /// <summary>A new speed set-point (load), held until the next one: flow, head and power follow the affinity laws.</summary>
    LoadChange,

    /// <summary>A sensor replaced by a recalibrated one that reads a small constant offset from the old one.</summary>
    SensorSwap,
}
