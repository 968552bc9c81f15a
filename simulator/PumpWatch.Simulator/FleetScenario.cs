using System.Globalization;
using MathNet.Numerics.Random;
using PumpWatch.Core.Readings;

namespace PumpWatch.Simulator;

/// <summary>
/// Draws a fleet's faults and healthy variation from the seed, for measuring a detector: every fault kind in turn
/// (so each appears about equally often), abrupt and gradual onsets, varied severity and duration, half of them ended
/// by maintenance (a stop for repair, after which the pump runs as its own healthy self); and, none of it labelled,
/// start/stop cycles, load changes, swapped sensors reading a small offset, and the site's ambient drifting over days.
/// </summary>
public static class FleetScenario
{
    // A fault needs this long after its ramp to be seen at full severity, and keeps this far from any other change on its pump.
    private static readonly TimeSpan MinimumAtFullSeverity = TimeSpan.FromHours(1);
    private static readonly TimeSpan Margin = TimeSpan.FromHours(1);
    private static readonly TimeSpan ShortestRamp = TimeSpan.FromHours(1);
    private static readonly TimeSpan LongestRamp = TimeSpan.FromHours(12);
    private const double MaintenanceShare = 0.5;
    private const int PlacementAttempts = 100;

    // Stops: most pumps run continuously with a stop every few days; one in five is on batch duty, stopping about three times a day.
    private const double BatchDutyShare = 0.2;
    private const double BatchDutyStopsPerDay = 3;
    private const double ContinuousDutyStopsPerDay = 0.3;
    private const double LoadChangesPerDay = 1;
    private const double SensorSwapShare = 0.15;

    /// <summary><paramref name="options"/> with the fleet's faults and healthy variation, drawn from its seed.</summary>
    /// <exception cref="ArgumentException">The fleet settings do not fit the run.</exception>
    public static SimulatorOptions Draw(SimulatorOptions options, FleetOptions fleet)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fleet);
        if (fleet.Problem(options.Duration) is { } problem)
        {
            throw new ArgumentException(problem, nameof(fleet));
        }

        // Its own stream: the physics and the default schedule draw from others, so neither changes with the scenario.
        var rng = new MersenneTwister(options.Seed ^ 0x0F1EE7);
        var draw = new Drawing(rng, options, fleet);
        draw.DrawFaults();
        var ambient = SiteAmbient.None;
        if (fleet.HealthyVariation)
        {
            ambient = new SiteAmbient(Uniform(rng, -0.5, 0.5), Uniform(rng, 1, 4), Uniform(rng, 3, 8), Uniform(rng, 0, 2 * Math.PI));
            draw.DrawHealthyVariation();
        }

        return options with
        {
            Faults = [.. draw.FaultList.OrderBy(f => f.Start).ThenBy(f => int.Parse(f.PumpId, CultureInfo.InvariantCulture))],
            Plan = new OperatingPlan(ambient, [.. draw.Events.OrderBy(e => e.Start).ThenBy(e => int.Parse(e.PumpId, CultureInfo.InvariantCulture))]),
        };
    }

    private static double Uniform(MersenneTwister rng, double low, double high) => low + (rng.NextDouble() * (high - low));

    private static TimeSpan LogUniform(MersenneTwister rng, TimeSpan low, TimeSpan high) =>
        Seconds(Math.Exp(Uniform(rng, Math.Log(low.TotalSeconds), Math.Log(high.TotalSeconds))));

    /// <summary>Whole seconds, so labels and events read cleanly.</summary>
    private static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(Math.Floor(seconds));

    private static TimeSpan Exponential(MersenneTwister rng, double perDay) => Seconds(-Math.Log(1 - rng.NextDouble()) / perDay * 86400);

    private sealed class Drawing(MersenneTwister rng, SimulatorOptions options, FleetOptions fleet)
    {
        private readonly DateTimeOffset _start = options.Start;
        private readonly DateTimeOffset _end = options.Start + options.Duration;
        private readonly DateTimeOffset _leadEnd = options.Start + fleet.HealthyLead;

        // Per pump, the spans a fault (with its margins and repair stop) occupies: nothing else is put there.
        private readonly List<(DateTimeOffset From, DateTimeOffset To)>[] _busy = [.. Enumerable.Range(0, options.Pumps).Select(_ => new List<(DateTimeOffset, DateTimeOffset)>())];

        public List<FaultSpec> FaultList { get; } = [];

        public List<HealthyEvent> Events { get; } = [];

        private static string Id(int pump) => (pump + 1).ToString(CultureInfo.InvariantCulture);

        private bool Free(int pump, DateTimeOffset from, DateTimeOffset to) => !_busy[pump].Exists(b => b.From < to && from < b.To);

        public void DrawFaults()
        {
            var count = (int)Math.Round(fleet.FaultRatePerPumpDay * options.Pumps * (options.Duration - fleet.HealthyLead).TotalDays);
            var kinds = Enum.GetValues<FaultKind>();
            var cycle = new List<FaultKind>();
            var abruptNext = kinds.ToDictionary(k => k, _ => rng.Next(2) == 0);
            for (var i = 0; i < count; i++)
            {
                if (cycle.Count == 0)
                {
                    // Every kind once per cycle, in a shuffled order: each kind appears count/9 times, give or take one.
                    cycle.AddRange(kinds);
                    for (var j = cycle.Count - 1; j > 0; j--)
                    {
                        var k = rng.Next(j + 1);
                        (cycle[j], cycle[k]) = (cycle[k], cycle[j]);
                    }
                }

                var kind = cycle[^1];
                cycle.RemoveAt(cycle.Count - 1);
                var abrupt = kind switch
                {
                    FaultKind.BearingWear or FaultKind.SensorDrift => false,
                    FaultKind.SensorStuck or FaultKind.SensorSpikes or FaultKind.SensorDropout => true,
                    _ => abruptNext[kind],
                };
                abruptNext[kind] = !abruptNext[kind];
                Place(kind, abrupt);
            }
        }

        private void Place(FaultKind kind, bool abrupt)
        {
            var ramp = abrupt ? TimeSpan.Zero : LogUniform(rng, ShortestRamp, LongestRamp);
            var severity = kind == FaultKind.SensorStuck ? 1.0 : Math.Round(Uniform(rng, 0.5, 1.0), 2);
            var sensor = kind.IsSensorFault() ? TutorialSensors.All[rng.Next(TutorialSensors.All.Count)] : null;
            var latest = _end - ramp - MinimumAtFullSeverity;
            if (latest <= _leadEnd)
            {
                return;
            }

            for (var attempt = 0; attempt < PlacementAttempts; attempt++)
            {
                var pump = rng.Next(options.Pumps);
                var onset = _leadEnd + Seconds(rng.NextDouble() * (latest - _leadEnd).TotalSeconds);
                var maintenance = rng.NextDouble() < MaintenanceShare;
                var end = maintenance ? onset + ramp + Seconds(Uniform(rng, 0.5, 8) * 3600) : _end;
                maintenance &= end < _end;
                end = maintenance ? end : _end;

                // A pump fault is repaired with the pump stopped; a sensor is replaced while the pump runs.
                var repaired = maintenance && !kind.IsSensorFault() ? Min(end + Seconds(Uniform(rng, 0.5, 3) * 3600), _end) : end;
                if (!Free(pump, onset - Margin, repaired + Margin))
                {
                    continue;
                }

                _busy[pump].Add((onset - Margin, repaired + Margin));
                FaultList.Add(new FaultSpec(Id(pump), kind, onset, ramp, end, severity, sensor, maintenance));
                if (repaired > end)
                {
                    Events.Add(new HealthyEvent(Id(pump), HealthyEventKind.MaintenanceStop, end, repaired));
                }

                return;
            }
        }

        public void DrawHealthyVariation()
        {
            for (var pump = 0; pump < options.Pumps; pump++)
            {
                Stops(pump);
                Loads(pump);
                if (rng.NextDouble() < SensorSwapShare)
                {
                    Swap(pump);
                }
            }
        }

        private void Stops(int pump)
        {
            var perDay = rng.NextDouble() < BatchDutyShare ? BatchDutyStopsPerDay : ContinuousDutyStopsPerDay;
            for (var t = _start + Exponential(rng, perDay); t < _end;)
            {
                var end = Min(t + LogUniform(rng, TimeSpan.FromMinutes(15), TimeSpan.FromHours(4)), _end);

                // Not while a fault is on (the operator keeps a faulty pump running until its repair), nor just before one.
                if (Free(pump, t, end + Margin))
                {
                    Events.Add(new HealthyEvent(Id(pump), HealthyEventKind.Stop, t, end));
                }

                t = end + Exponential(rng, perDay);
            }
        }

        private void Loads(int pump)
        {
            var changes = new List<(DateTimeOffset At, double Load)>();
            for (var t = _start + Exponential(rng, LoadChangesPerDay); t < _end; t += Exponential(rng, LoadChangesPerDay))
            {
                // Speed set-point 0.90-1.06 of nominal: flow, head and power follow the affinity laws through the pump model.
                var load = Math.Round(Uniform(rng, 0.90, 1.06), 3);
                if (Free(pump, t - Margin, t + Margin))
                {
                    changes.Add((t, load));
                }
            }

            for (var i = 0; i < changes.Count; i++)
            {
                Events.Add(new HealthyEvent(Id(pump), HealthyEventKind.LoadChange, changes[i].At, i + 1 < changes.Count ? changes[i + 1].At : _end, null, changes[i].Load));
            }
        }

        private void Swap(int pump)
        {
            var at = _leadEnd + Seconds(rng.NextDouble() * (_end - _leadEnd).TotalSeconds);
            var sensor = TutorialSensors.All[rng.Next(TutorialSensors.All.Count)];

            // Of the order of instrument accuracy: an RTD of IEC 60751 class A is within 0.15 + 0.002|t| degC (0.3 degC
            // at 75 degC); pressure transmitters and flow meters within a fraction of a percent of span or reading.
            var size = sensor switch
            {
                TutorialSensors.Temperature => Uniform(rng, 0.2, 0.6),
                TutorialSensors.Pressure => Uniform(rng, 1, 3),
                TutorialSensors.FlowRate => Uniform(rng, 2, 6),
                _ => Uniform(rng, 0.02, 0.08),
            };
            var offset = Math.Round(rng.Next(2) == 0 ? size : -size, 3);
            if (Free(pump, at - Margin, at + Margin))
            {
                Events.Add(new HealthyEvent(Id(pump), HealthyEventKind.SensorSwap, at, _end, sensor, offset));
            }
        }

        private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    }
}
