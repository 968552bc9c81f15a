using System.Text;
using PumpWatch.Core.Readings;
using PumpWatch.Simulator;

namespace PumpWatch.Simulator.Tests;

public sealed class FleetScenarioTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ten = TimeSpan.FromSeconds(10);

    private static SimulatorOptions Fleet(int pumps, TimeSpan duration, int seed, FleetOptions fleet) =>
        FleetScenario.Draw(new SimulatorOptions(pumps, Ten, Start, duration, seed), fleet);

    /// <summary>Each pump's readings in time order: time and the four sensors (NaN when a reading lacks one).</summary>
    private static Dictionary<string, List<(DateTimeOffset Time, double[] Values)>> ReadingsByPump(SimulatorOptions options)
    {
        var byPump = new Dictionary<string, List<(DateTimeOffset, double[])>>(StringComparer.Ordinal);
        foreach (var record in new PumpSimulator(options).Generate())
        {
            var values = TutorialSensors.All.Select(s => record.Reading.Values.Where(v => v.Key == s).Select(v => v.Value).DefaultIfEmpty(double.NaN).First()).ToArray();
            if (!byPump.TryGetValue(record.Reading.PumpId, out var list))
            {
                byPump[record.Reading.PumpId] = list = [];
            }

            list.Add((EventTime.ToDateTimeOffset(record.Reading.Timestamp), values));
        }

        return byPump;
    }

    /// <summary>Means of each sensor over consecutive 10-minute spans of [from, to).</summary>
    private static List<double[]> TenMinuteMeans(List<(DateTimeOffset Time, double[] Values)> readings, DateTimeOffset from, DateTimeOffset to) =>
        [.. TenMinuteSpans(readings, from, to).Select(s => s.Means)];

    [Fact]
    public void DefaultRate_For100PumpsOver3Days_GivesEveryKindSeveralTimes_AbruptAndGradual_SomeEndedByMaintenance()
    {
        var options = Fleet(100, TimeSpan.FromDays(3), 7, FleetOptions.Default);
        var faults = options.Faults!;

        // 0.25 faults per pump-day x 100 pumps x 2 days after the one-day lead = 50; nine kinds in turn: 5 or 6 of each.
        Assert.Equal(50, faults.Count);
        foreach (var kind in Enum.GetValues<FaultKind>())
        {
            Assert.InRange(faults.Count(f => f.Kind == kind), 5, 6);
        }

        foreach (var kind in new[] { FaultKind.Cavitation, FaultKind.SealLeak, FaultKind.MotorOverheating, FaultKind.Blockage })
        {
            Assert.True(faults.Count(f => f.Kind == kind && f.IsAbrupt) >= 2, $"{kind}: abrupt");
            Assert.True(faults.Count(f => f.Kind == kind && !f.IsAbrupt) >= 2, $"{kind}: gradual");
        }

        Assert.All(faults.Where(f => f.Kind is FaultKind.BearingWear or FaultKind.SensorDrift), f => Assert.False(f.IsAbrupt));
        Assert.InRange(faults.Count(f => f.EndedByMaintenance), 10, 40);
        Assert.Contains(faults, f => !f.EndedByMaintenance && f.End == Start.AddDays(3));
        Assert.All(faults, f =>
        {
            Assert.True(f.Start >= Start.AddDays(1), $"{f.ToLabelLine()} starts in the healthy lead");
            Assert.InRange(f.Severity, 0.5, 1.0);
            Assert.Equal(f.Kind.IsSensorFault(), f.Sensor is not null);
        });

        // One fault at a time on a pump.
        foreach (var pump in faults.GroupBy(f => f.PumpId))
        {
            var ordered = pump.OrderBy(f => f.Start).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.True(ordered[i].Start >= ordered[i - 1].End, $"pump {pump.Key}: {ordered[i - 1].ToLabelLine()} overlaps {ordered[i].ToLabelLine()}");
            }
        }
    }

    [Fact]
    public void HealthyEvents_CarryNoLabel_AndNeverOverlapAFaultOfTheirPump()
    {
        var options = Fleet(100, TimeSpan.FromDays(3), 7, FleetOptions.Default);
        var events = options.Plan!.Events;
        Assert.Contains(events, e => e.Kind == HealthyEventKind.Stop);
        Assert.Contains(events, e => e.Kind == HealthyEventKind.LoadChange);
        Assert.Contains(events, e => e.Kind == HealthyEventKind.SensorSwap);
        Assert.Contains(events, e => e.Kind == HealthyEventKind.MaintenanceStop);
        foreach (var e in events)
        {
            foreach (var f in options.Faults!.Where(f => f.PumpId == e.PumpId))
            {
                // A stop, and the instant a load or sensor changes, lie outside every labelled interval; a repair stop starts where its fault ends.
                var (from, to) = e.Kind is HealthyEventKind.Stop or HealthyEventKind.MaintenanceStop ? (e.Start, e.End) : (e.Start, e.Start.AddTicks(1));
                Assert.False(from < f.End && f.Start < to, $"{e.ToLine()} overlaps {f.ToLabelLine()}");
            }
        }

        Assert.All(events.Where(e => e.Kind == HealthyEventKind.MaintenanceStop), e =>
            Assert.Contains(options.Faults!, f => f.PumpId == e.PumpId && f.EndedByMaintenance && f.End == e.Start));
    }

    [Fact]
    public void SameSeed_GivesTheSameBytes_AnotherSeedDoesNot()
    {
        string Text(int seed)
        {
            var options = Fleet(20, TimeSpan.FromHours(12), seed, FleetOptions.Default with { HealthyLead = TimeSpan.FromHours(4), FaultRatePerPumpDay = 2 });
            var text = new StringBuilder();
            text.AppendJoin('\n', options.Faults!.Select(f => f.ToLabelLine())).Append('\n');
            text.AppendJoin('\n', options.Plan!.Events.Select(e => e.ToLine())).Append('\n');
            text.AppendJoin('\n', new PumpSimulator(options).Generate().Select(r => r.ToLine()));
            return text.ToString();
        }

        var a = Encoding.UTF8.GetBytes(Text(5));
        Assert.Equal(a, Encoding.UTF8.GetBytes(Text(5)));
        Assert.NotEqual(a, Encoding.UTF8.GetBytes(Text(6)));
        Assert.StartsWith("{\"pump_id\": 1, \"timestamp\": \"2026-05-01T00:00:00\", \"temperature\": ", Text(5).Split('\n').First(l => l.StartsWith('{')), StringComparison.Ordinal);
    }

    [Fact]
    public void MaintenanceEndedPumpFaults_AfterTheRepair_ReadWithinThePumpsOwnHealthyRange()
    {
        // Without healthy variation a pump runs its daily cycle at a set-point that wanders +-4% of speed (+-12% of power,
        // about +-5 degC), so its own normal is what it reads at its other healthy times over the three days (outside any
        // fault, its repair stop and the hour after it). Two hours after a repair, an hour from its restart, every sensor's
        // 10-minute means must be back inside that range (a quarter of its width to spare), while bearing wear at full
        // severity (at least +1.4 mm/s) is well outside it.
        var options = Fleet(10, TimeSpan.FromDays(3), 1, new FleetOptions(1.0, TimeSpan.FromDays(1), HealthyVariation: false));
        var readings = ReadingsByPump(options);
        var checkedFaults = 0;
        foreach (var fault in options.Faults!.Where(f => f.EndedByMaintenance && !f.Kind.IsSensorFault()))
        {
            var repair = options.Plan!.Events.Single(e => e.Kind == HealthyEventKind.MaintenanceStop && e.PumpId == fault.PumpId && e.Start == fault.End);
            var (from, to) = (repair.End.AddHours(1), repair.End.AddHours(3));
            if (to > Start.AddDays(3) || options.Faults!.Any(f => f.PumpId == fault.PumpId && f.Start < to && from < f.End))
            {
                continue;
            }

            var pump = readings[fault.PumpId];
            var unhealthy = options.Faults!.Where(f => f.PumpId == fault.PumpId)
                .Select(f => (From: f.Start, To: options.Plan.Events.FirstOrDefault(e => e.PumpId == f.PumpId && e.Start == f.End && e.Kind == HealthyEventKind.MaintenanceStop)?.End.AddHours(1) ?? f.End))
                .Append((From: from, To: to)).ToList();
            var healthy = TenMinuteSpans(pump, Start, Start.AddDays(3))
                .Where(s => !unhealthy.Exists(u => u.From < s.To && s.From < u.To))
                .Select(s => s.Means).ToList();
            var low = Enumerable.Range(0, 4).Select(i => healthy.Min(m => m[i])).ToArray();
            var high = Enumerable.Range(0, 4).Select(i => healthy.Max(m => m[i])).ToArray();
            foreach (var means in TenMinuteMeans(pump, from, to))
            {
                for (var i = 0; i < 4; i++)
                {
                    var spare = (high[i] - low[i]) / 4;
                    Assert.True(means[i] >= low[i] - spare && means[i] <= high[i] + spare,
                        $"{fault.ToLabelLine()}: {TutorialSensors.All[i]} {means[i]:0.###} after the repair, healthy {low[i]:0.###}..{high[i]:0.###}");
                }
            }

            if (fault.Kind == FaultKind.BearingWear)
            {
                var sick = TenMinuteMeans(pump, fault.RampEnd, fault.End);
                Assert.Contains(sick, m => m[3] > high[3] + ((high[3] - low[3]) / 4));
            }

            checkedFaults++;
        }

        Assert.True(checkedFaults >= 3, $"only {checkedFaults} repaired pump faults to check");
        Assert.Contains(options.Faults!, f => f.EndedByMaintenance && f.Kind == FaultKind.BearingWear);
    }

    /// <summary>Consecutive 10-minute spans of [from, to) with each sensor's mean.</summary>
    private static IEnumerable<(DateTimeOffset From, DateTimeOffset To, double[] Means)> TenMinuteSpans(List<(DateTimeOffset Time, double[] Values)> readings, DateTimeOffset from, DateTimeOffset to) =>
        readings.Where(r => r.Time >= from && r.Time < to)
            .GroupBy(r => (long)((r.Time - from).TotalMinutes / 10))
            .Select(g => (from.AddMinutes(g.Key * 10), from.AddMinutes((g.Key + 1) * 10),
                Enumerable.Range(0, 4).Select(i => g.Select(r => r.Values[i]).Where(v => !double.IsNaN(v)).Average()).ToArray()));

    [Fact]
    public void StuckSensor_IsStuckExactlyOverItsLabel_AndMovesAgainAfterTheRepair()
    {
        var options = Fleet(10, TimeSpan.FromDays(3), 1, new FleetOptions(1.0, TimeSpan.FromDays(1), HealthyVariation: false));
        var fault = options.Faults!.First(f => f.Kind == FaultKind.SensorStuck && f.EndedByMaintenance);
        var sensor = TutorialSensors.All.ToList().IndexOf(fault.Sensor!);
        var pump = ReadingsByPump(options)[fault.PumpId];

        var during = pump.Where(r => r.Time >= fault.Start && r.Time < fault.End).Select(r => r.Values[sensor]).ToList();
        Assert.True(during.Count > 30);
        Assert.Single(during.Distinct());
        Assert.NotEqual(during[0], pump.Last(r => r.Time < fault.Start).Values[sensor]);
        Assert.True(pump.Where(r => r.Time >= fault.End && r.Time < fault.End.AddMinutes(10)).Select(r => r.Values[sensor]).Distinct().Count() > 30);
    }

    [Fact]
    public void StoppedPumps_ReadNoFlowAndNearZeroPressure_AndCool()
    {
        var options = Fleet(10, TimeSpan.FromDays(1), 3, new FleetOptions(0, TimeSpan.FromHours(6)));
        var readings = ReadingsByPump(options);
        var stops = options.Plan!.Events.Where(e => e.Kind == HealthyEventKind.Stop && e.End - e.Start >= TimeSpan.FromMinutes(30)).ToList();
        Assert.True(stops.Count >= 3, $"{stops.Count} stops of 30 min or more");
        foreach (var stop in stops)
        {
            var pump = readings[stop.PumpId];

            // After ten minutes of coasting down: flow and pressure near zero (noise is clipped at zero), vibration at its floor.
            var off = pump.Where(r => r.Time >= stop.Start.AddMinutes(10) && r.Time < stop.End).ToList();
            Assert.InRange(off.Average(r => r.Values[2]), 0, 5);
            Assert.InRange(off.Average(r => r.Values[1]), 0, 5);
            Assert.InRange(off.Average(r => r.Values[3]), 0, 0.2);
            var before = pump.Last(r => r.Time < stop.Start).Values[0];
            Assert.True(off[^1].Values[0] < before - 5, $"{stop.ToLine()}: {before} -> {off[^1].Values[0]} degC");
        }

        // Healthy variation is never quarantined: every value within the pipeline's physical ranges.
        Assert.All(readings.Values.SelectMany(r => r), r =>
        {
            for (var i = 0; i < 4; i++)
            {
                Assert.InRange(r.Values[i], SensorSpec.Defaults[i].Min, SensorSpec.Defaults[i].Max);
            }
        });
    }

    [Fact]
    public void LoadChanges_KeepARunningPumpOnItsSystemCurve()
    {
        // The pump model's documented physics: the operating point lies on the system curve P = 150 psi + R Q^2 whatever the
        // speed, so (P - 150) / Q^2 is one constant per pump across load levels, until a blockage or leak changes it.
        var options = Fleet(10, TimeSpan.FromDays(2), 4, new FleetOptions(0, TimeSpan.FromHours(6)));
        var readings = ReadingsByPump(options);
        var checkedPumps = 0;
        foreach (var (pump, list) in readings)
        {
            var events = options.Plan!.Events.Where(e => e.PumpId == pump).ToList();
            if (events.Any(e => e.Kind == HealthyEventKind.SensorSwap) || events.Count(e => e.Kind == HealthyEventKind.LoadChange) < 2)
            {
                continue;
            }

            var stopped = events.Where(e => e.Kind == HealthyEventKind.Stop).ToList();
            var running = TenMinuteMeans(list, Start, Start.AddDays(2))
                .Where(m => m[2] > 100)
                .Select(m => (m[1] - 150) / (m[2] * m[2]))
                .ToList();
            var nearStops = list.Where(r => stopped.Any(s => r.Time >= s.Start.AddMinutes(-10) && r.Time < s.End.AddMinutes(20))).Select(r => r.Time).ToHashSet();
            var clean = TenMinuteMeansWithout(list, nearStops).Where(m => m[2] > 100).Select(m => (m[1] - 150) / (m[2] * m[2])).ToList();
            var median = clean.Order().ElementAt(clean.Count / 2);
            Assert.All(clean, r => Assert.InRange(r / median, 0.95, 1.05));
            Assert.True(running.Count >= clean.Count);
            checkedPumps++;
        }

        Assert.True(checkedPumps >= 3, $"{checkedPumps} pumps with load changes to check");
    }

    private static IEnumerable<double[]> TenMinuteMeansWithout(List<(DateTimeOffset Time, double[] Values)> readings, HashSet<DateTimeOffset> excluded) =>
        readings.GroupBy(r => (long)((r.Time - Start).TotalMinutes / 10))
            .Where(g => !g.Any(r => excluded.Contains(r.Time)))
            .Select(g => Enumerable.Range(0, 4).Select(i => g.Average(r => r.Values[i])).ToArray());

    [Fact]
    public void AmbientShift_IsTrendPlusWeather_ZeroAtTheStart()
    {
        var ambient = new SiteAmbient(TrendPerDay: 0.5, WeatherAmplitude: 2, WeatherPeriodDays: 4, WeatherPhase: 0);
        const double tolerance = 1e-12;
        Assert.Equal(0, ambient.ShiftAt(0), tolerance);
        Assert.Equal(0.5 + 2, ambient.ShiftAt(86400), tolerance); // a quarter period: sin(pi/2) = 1
        Assert.Equal(1.0 + 0, ambient.ShiftAt(2 * 86400), tolerance); // half a period: sin(pi) = 0
    }
}
