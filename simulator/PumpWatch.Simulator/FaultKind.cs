namespace PumpWatch.Simulator;

/// <summary>Injected faults: pump faults change the physics, sensor faults corrupt one sensor's reading.</summary>
public enum FaultKind
{
    /// <summary>Broadband vibration rises, bearing temperature follows later.</summary>
    BearingWear,

    /// <summary>Impeller wear / cavitation: flow and head drop, pressure fluctuates, vibration bursts.</summary>
    Cavitation,

    /// <summary>Pressure drops at unchanged flow.</summary>
    SealLeak,

    /// <summary>Temperature ramps.</summary>
    MotorOverheating,

    /// <summary>Discharge-side blockage: pressure rises, flow falls.</summary>
    Blockage,

    /// <summary>A sensor repeats its value at onset.</summary>
    SensorStuck,

    /// <summary>A sensor reports occasional spikes.</summary>
    SensorSpikes,

    /// <summary>A sensor is missing from many messages.</summary>
    SensorDropout,

    /// <summary>A sensor's reading drifts away from the truth.</summary>
    SensorDrift,
}
