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

/// <summary>Snake-case names used in labels files and on the command line.</summary>
public static class FaultNames
{
    public static string Name(this FaultKind kind) => kind switch
    {
        FaultKind.BearingWear => "bearing_wear",
        FaultKind.Cavitation => "cavitation",
        FaultKind.SealLeak => "seal_leak",
        FaultKind.MotorOverheating => "motor_overheating",
        FaultKind.Blockage => "blockage",
        FaultKind.SensorStuck => "sensor_stuck",
        FaultKind.SensorSpikes => "sensor_spikes",
        FaultKind.SensorDropout => "sensor_dropout",
        _ => "sensor_drift",
    };

    public static bool IsSensorFault(this FaultKind kind) => kind >= FaultKind.SensorStuck;

    public static bool TryParse(string name, out FaultKind kind)
    {
        foreach (var k in Enum.GetValues<FaultKind>())
        {
            if (k.Name() == name)
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
