using System.Globalization;
using MathNet.Numerics.Random;
using PumpWatch.Core.Readings;

namespace PumpWatch.Simulator;

/// <summary>
/// Simulates N pumps sending one reading each per interval, in time order, with the faults of the options
/// (ground truth in <see cref="Faults"/>) and malformed messages at the configured rate. The same options and
/// seed give the same records, byte for byte.
/// </summary>
public sealed class PumpSimulator
{
    private static readonly IReadOnlyList<string> SensorNames = TutorialSensors.All;
    private const double DriftAtRampEnd = 0.10;
    private readonly SimulatorOptions _options;

    public PumpSimulator(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _options = options;
        Faults = options.Faults ?? FaultSchedule.Auto(options);
    }

    /// <summary>The faults injected: the labels.</summary>
    public IReadOnlyList<FaultSpec> Faults { get; }

    public SimulatorOptions Options => _options;

    /// <summary>Number of ticks (readings per pump).</summary>
    public long Ticks => (long)Math.Ceiling(_options.Duration / _options.Interval);

    public IEnumerable<SimulatedRecord> Generate()
    {
        var plan = _options.Plan;
        var pumps = Enumerable.Range(1, _options.Pumps).Select(p => (Number: p, Id: p.ToString(CultureInfo.InvariantCulture))).Select(p => new PumpRun(
            p.Id,
            new PumpModel(unchecked((_options.Seed * 7919) + p.Number) & int.MaxValue),
            Faults.Where(f => f.PumpId == p.Id).ToArray(),
            plan is null ? null : new DutyCursor(plan, p.Id))).ToArray();
        var noise = new MersenneTwister(_options.Seed ^ 0x0BAD);
        var dt = _options.Interval.TotalSeconds;
        var startMicros = EventTime.FromDateTimeOffset(_options.Start);
        var stepMicros = (long)_options.Interval.TotalMicroseconds;
        for (long tick = 0; tick < Ticks; tick++)
        {
            var micros = startMicros + (tick * stepMicros);
            var now = EventTime.ToDateTimeOffset(micros);
            foreach (var pump in pumps)
            {
                var reading = pump.Next(now, micros, tick * dt, dt);
                if (_options.MalformedRate > 0 && noise.NextDouble() < _options.MalformedRate)
                {
                    yield return new SimulatedRecord(reading, Malform(reading, noise));
                }
                else
                {
                    yield return new SimulatedRecord(reading, null);
                }
            }
        }
    }

    private static string Malform(Reading reading, MersenneTwister rng)
    {
        var line = ReadingJson.ToLine(reading);
        return rng.Next(4) switch
        {
            0 => line[..(line.Length / 2)],
            1 => line.Replace("\"pump_id\"", "\"pump\"", StringComparison.Ordinal),
            2 => line.Replace("\"timestamp\"", "\"vibration_raw\": NaN, \"timestamp\"", StringComparison.Ordinal),
            _ => line.Replace("\"timestamp\": \"", "\"timestamp\": \"T", StringComparison.Ordinal),
        };
    }

    private sealed class PumpRun(string id, PumpModel model, FaultSpec[] faults, DutyCursor? duty)
    {
        // Keyed by the fault, not the sensor: a sensor that sticks twice sticks at a new value the second time.
        private readonly Dictionary<FaultSpec, double> _stuck = [];

        public Reading Next(DateTimeOffset now, long micros, double elapsed, double dt)
        {
            double Severity(FaultKind kind)
            {
                var s = 0.0;
                foreach (var f in faults)
                {
                    if (f.Kind == kind)
                    {
                        s = Math.Max(s, f.SeverityAt(now));
                    }
                }

                return s;
            }

            var effects = new FaultEffects(Severity(FaultKind.BearingWear), Severity(FaultKind.Cavitation), Severity(FaultKind.SealLeak),
                Severity(FaultKind.MotorOverheating), Severity(FaultKind.Blockage));
            var (temperature, pressure, flow, vibration) = model.Step(elapsed, dt, effects, duty?.At(now, elapsed) ?? PumpDuty.Steady);
            double[] values = [temperature, pressure, flow, vibration];
            duty?.AddSensorOffsets(now, SensorNames, values);
            var present = new List<KeyValuePair<string, double>>(4);
            for (var i = 0; i < SensorNames.Count; i++)
            {
                var value = values[i];
                var keep = true;
                foreach (var f in faults)
                {
                    if (!f.Kind.IsSensorFault() || f.Sensor != SensorNames[i] || f.SeverityAt(now) <= 0)
                    {
                        continue;
                    }

                    switch (f.Kind)
                    {
                        case FaultKind.SensorStuck:
                            if (!_stuck.TryGetValue(f, out var stuck))
                            {
                                _stuck[f] = stuck = value;
                            }

                            value = stuck;
                            break;
                        case FaultKind.SensorSpikes:
                            // At severity 1, 3% of readings spike; less often at a lower severity.
                            value *= model.Random.NextDouble() < 0.03 * f.Severity ? 2.5 : 1.0;
                            break;
                        case FaultKind.SensorDropout:
                            // At severity 1, 60% of messages lack the sensor.
                            keep = model.Random.NextDouble() >= 0.6 * f.Severity;
                            break;
                        case FaultKind.SensorDrift:
                            // Without a ramp the reading drifts 5% per hour for as long as the fault lasts; with one it
                            // drifts up to 10% at the ramp's end and stays there.
                            value *= 1 + (f.IsAbrupt ? 0.05 * (now - f.Start).TotalHours * f.Severity : DriftAtRampEnd * f.SeverityAt(now));
                            break;
                    }
                }

                if (keep)
                {
                    present.Add(new(SensorNames[i], Math.Round(value, 4)));
                }
            }

            if (present.Count == 0)
            {
                present.Add(new(SensorNames[0], Math.Round(temperature, 4)));
            }

            return new Reading(id, micros, present);
        }
    }
}
