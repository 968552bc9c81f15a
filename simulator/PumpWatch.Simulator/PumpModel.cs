using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace PumpWatch.Simulator;

/// <summary>
/// One pump's physics, advanced a step at a time. A centrifugal pump curve P = P0 s^2 - k Q^2 meets a system
/// curve P = Ps + R Q^2 (affinity laws: flow ~ speed, head ~ speed^2, power ~ speed^3); speed follows a daily
/// load cycle and occasional set-point changes; temperature tracks ambient plus a load term with a thermal lag;
/// vibration is a per-pump baseline scaled by speed^2 with noise. Normal operation stays within the tutorial's
/// ranges (temperature 50-100 degC, pressure 100-500 psi, flow 200-1000 US gal/min, vibration 0.1-5 mm/s).
/// A <see cref="PumpDuty"/> can stop the pump (speed falls to zero: no flow, the pressure gauge reads the pump's own
/// falling head, the motor cools towards ambient more slowly without its fan) or scale its set-point.
/// </summary>
internal sealed class PumpModel
{
    private const double ThermalLagSeconds = 600;

    // A stopped motor has no fan cooling it: it cools about three times more slowly than it warms up while running.
    private const double StoppedThermalLagSeconds = 1800;
    private const double StoppedSpeed = 0.3;
    private const double SpeedLagSeconds = 60;
    private const double StaticPressure = 150;
    private readonly MersenneTwister _rng;
    private readonly double _shutoffPressure;
    private readonly double _curveK;
    private readonly double _systemR;
    private readonly double _vibrationBase;
    private readonly double _phase;
    private readonly double _heatGain;
    private double _speed = 1.0;
    private double _setPoint;
    private double _nextSetPointChange;
    private double _temperature = double.NaN;

    public PumpModel(int seed)
    {
        _rng = new MersenneTwister(seed);
        var nominalFlow = 550 + (_rng.NextDouble() * 200);
        var nominalPressure = 300 + (_rng.NextDouble() * 40);
        _shutoffPressure = nominalPressure + 110 + (_rng.NextDouble() * 40);
        _curveK = (_shutoffPressure - nominalPressure) / (nominalFlow * nominalFlow);
        _systemR = (nominalPressure - StaticPressure) / (nominalFlow * nominalFlow);
        _vibrationBase = 1.2 + (_rng.NextDouble() * 0.6);
        _phase = _rng.NextDouble() * 2 * Math.PI;
        _heatGain = 36 + (_rng.NextDouble() * 8);
        _nextSetPointChange = 3600 * (1 + (_rng.NextDouble() * 3));
    }

    public MersenneTwister Random => _rng;

    /// <summary>True physical values after advancing to <paramref name="elapsed"/> seconds, under the given fault severities and duty.</summary>
    public (double Temperature, double Pressure, double Flow, double Vibration) Step(double elapsed, double dt, FaultEffects faults, PumpDuty duty)
    {
        if (elapsed >= _nextSetPointChange)
        {
            _setPoint = (_rng.NextDouble() - 0.5) * 0.08;
            _nextSetPointChange += 3600 * (2 + (_rng.NextDouble() * 4));
        }

        var dayFraction = elapsed / 86400.0;
        // Load 1.0 and no ambient shift leave every value bit for bit as the default schedule has always made it.
        var target = duty.Running ? (1.0 + (0.05 * Math.Sin((2 * Math.PI * dayFraction) + _phase)) + _setPoint) * duty.Load : 0.0;
        _speed += (target - _speed) * Math.Min(1, dt / SpeedLagSeconds);

        // Operating point: the pump curve meets the system curve. Wear lowers the curve, a blockage steepens the system.
        var shutoff = _shutoffPressure * (1 - (0.10 * faults.Cavitation));
        var systemR = _systemR * (1 + (1.2 * faults.Blockage));
        var head = shutoff * _speed * _speed;
        var flow = Math.Sqrt(Math.Max(0, (head - StaticPressure) / (_curveK + systemR)));

        // Below the static head the check valve stays shut: no flow, and the gauge between pump and valve reads the
        // pump's own head, which falls to zero as it stops.
        var pressure = head > StaticPressure ? StaticPressure + (systemR * flow * flow) : head;
        pressure *= 1 - (0.18 * faults.SealLeak);

        var ambient = 30 + (5 * Math.Sin((2 * Math.PI * dayFraction) - (Math.PI / 2))) + duty.AmbientShift;
        var power = _speed * _speed * _speed;
        var targetTemperature = ambient + (_heatGain * power) + (12 * faults.BearingWear * faults.BearingWear) + (25 * faults.MotorOverheating);
        var lag = _speed < StoppedSpeed ? StoppedThermalLagSeconds : ThermalLagSeconds;
        _temperature = double.IsNaN(_temperature) ? targetTemperature : _temperature + ((targetTemperature - _temperature) * Math.Min(1, dt / lag));

        var vibration = (_vibrationBase * _speed * _speed) + (2.8 * faults.BearingWear) + (0.6 * faults.Cavitation);
        vibration += Normal.Sample(_rng, 0, 0.06 + (0.35 * faults.BearingWear));
        if (faults.Cavitation > 0 && _rng.NextDouble() < 0.15 * faults.Cavitation)
        {
            vibration += 1.5 + (_rng.NextDouble() * 2.0);
        }

        var pressureNoise = 2.0 * (1 + (5 * faults.Cavitation));
        return (
            _temperature + Normal.Sample(_rng, 0, 0.15),
            // A gauge or meter near zero reads no less than zero (a running pump is hundreds of units above it).
            Math.Max(0, pressure + Normal.Sample(_rng, 0, pressureNoise)),
            Math.Max(0, flow + Normal.Sample(_rng, 0, 4.0 * (1 + (2 * faults.Cavitation)))),
            Math.Max(0.05, vibration));
    }
}

/// <summary>Severity 0-1 of each physical fault at one instant.</summary>
internal readonly record struct FaultEffects(double BearingWear, double Cavitation, double SealLeak, double MotorOverheating, double Blockage);
