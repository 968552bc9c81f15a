namespace PumpWatch.Simulator;

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
