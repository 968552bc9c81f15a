using PumpWatch.Core.Readings;
using MathNet.Numerics.Random;

namespace PumpWatch.Simulator;

/// <summary>Draws a fault schedule from the seed: the first 40% of the run stays healthy (room to train a model).</summary>
public static class FaultSchedule
{
    private static readonly FaultKind[] PumpFaults = [FaultKind.BearingWear, FaultKind.SealLeak, FaultKind.Cavitation, FaultKind.MotorOverheating, FaultKind.Blockage];
    private static readonly IReadOnlyList<string> Sensors = TutorialSensors.All;

    /// <summary>
    /// Two pump faults on different pumps (one pump when there is only one), starting at 40% and 60% of the run and
    /// lasting to its end, plus one sensor fault from 70% when there are three pumps or more.
    /// </summary>
    public static IReadOnlyList<FaultSpec> Auto(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rng = new MersenneTwister(options.Seed ^ 0x5EED);
        var end = options.Start + options.Duration;
        var pumps = Enumerable.Range(1, options.Pumps).OrderBy(_ => rng.Next()).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var first = PumpFaults[rng.Next(2)];
        var second = PumpFaults[2 + rng.Next(PumpFaults.Length - 2)];
        var ramp = options.Duration * 0.15;
        var faults = new List<FaultSpec>
        {
            new(pumps[0], first, options.Start + (options.Duration * 0.4), ramp, end, 1.0),
            new(pumps[Math.Min(1, pumps.Length - 1)], second, options.Start + (options.Duration * 0.6), ramp, end, 1.0),
        };
        if (pumps.Length >= 3)
        {
            var kind = (FaultKind)((int)FaultKind.SensorStuck + rng.Next(4));
            faults.Add(new FaultSpec(pumps[2], kind, options.Start + (options.Duration * 0.7), TimeSpan.Zero, end, 1.0, Sensors[rng.Next(Sensors.Count)]));
        }

        return faults;
    }
}
