using System.Text;
using PumpWatch.Core.Readings;
using PumpWatch.Simulator;

namespace PumpWatch.Simulator.Tests;

public sealed class PumpSimulatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Output(SimulatorOptions options) =>
        string.Join('\n', new PumpSimulator(options).Generate().Select(r => r.ToLine()));

    [Fact]
    public void SameSeedAndOptions_GiveByteIdenticalOutput_AnotherSeedDoesNot()
    {
        var options = new SimulatorOptions(3, TimeSpan.FromSeconds(1), Start, TimeSpan.FromMinutes(30), 7, 0.01);
        var a = Encoding.UTF8.GetBytes(Output(options));
        var b = Encoding.UTF8.GetBytes(Output(options));
        Assert.Equal(a, b);
        Assert.NotEqual(a, Encoding.UTF8.GetBytes(Output(options with { Seed = 8 })));
    }

    [Fact]
    public void HealthyPumps_StayInsideTheTutorialRanges()
    {
        var options = new SimulatorOptions(5, TimeSpan.FromSeconds(10), Start, TimeSpan.FromDays(1), 3, 0, []);
        foreach (var record in new PumpSimulator(options).Generate())
        {
            var values = record.Reading.Values.ToDictionary(v => v.Key, v => v.Value);
            Assert.InRange(values["temperature"], 50, 100);
            Assert.InRange(values["pressure"], 100, 500);
            Assert.InRange(values["flow_rate"], 200, 1000);
            Assert.InRange(values["vibration"], 0.1, 5.0);
        }
    }

    [Theory]
    [InlineData(FaultKind.BearingWear, "vibration", 1.5)]
    [InlineData(FaultKind.SealLeak, "pressure", -30)]
    [InlineData(FaultKind.MotorOverheating, "temperature", 10)]
    [InlineData(FaultKind.Blockage, "flow_rate", -50)]
    [InlineData(FaultKind.Cavitation, "flow_rate", -20)]
    public void PumpFault_MovesItsSignatureSensor_OnlyAfterOnset(FaultKind kind, string sensor, double expectedShift)
    {
        var fault = new FaultSpec("1", kind, Start.AddHours(2), TimeSpan.FromMinutes(30), Start.AddHours(4));
        var faulty = new PumpSimulator(new SimulatorOptions(1, TimeSpan.FromSeconds(5), Start, TimeSpan.FromHours(4), 11, 0, [fault])).Generate().ToList();
        var healthy = new PumpSimulator(new SimulatorOptions(1, TimeSpan.FromSeconds(5), Start, TimeSpan.FromHours(4), 11, 0, [])).Generate().ToList();
        double Mean(List<SimulatedRecord> records, double fromHour, double toHour) => records
            .Where(r => r.Reading.Timestamp >= EventTime.FromDateTimeOffset(Start.AddHours(fromHour)) && r.Reading.Timestamp < EventTime.FromDateTimeOffset(Start.AddHours(toHour)))
            .Average(r => r.Reading.Values.First(v => v.Key == sensor).Value);

        Assert.Equal(Mean(healthy, 0, 2), Mean(faulty, 0, 2), 1e-9);
        var shift = Mean(faulty, 3, 4) - Mean(healthy, 3, 4);
        Assert.True(Math.Sign(shift) == Math.Sign(expectedShift) && Math.Abs(shift) >= Math.Abs(expectedShift), $"{kind}: {sensor} moved {shift}");
    }

    private static List<double?> SensorValues(FaultKind kind, string sensor)
    {
        var fault = new FaultSpec("1", kind, Start.AddHours(1), TimeSpan.Zero, Start.AddHours(3), 1.0, sensor);
        return new PumpSimulator(new SimulatorOptions(1, TimeSpan.FromSeconds(2), Start, TimeSpan.FromHours(3), 9, 0, [fault])).Generate()
            .Select(r => r.Reading.Values.Where(v => v.Key == sensor).Select(v => (double?)v.Value).FirstOrDefault()).ToList();
    }

    [Fact]
    public void SensorFaults_CorruptOnlyTheirSensorAfterOnset()
    {
        var onset = 1800; // readings every 2 s: one hour in
        var stuck = SensorValues(FaultKind.SensorStuck, "pressure");
        Assert.Single(stuck.Skip(onset).Distinct());
        Assert.True(stuck.Take(onset).Distinct().Count() > 100);

        var dropout = SensorValues(FaultKind.SensorDropout, "vibration");
        Assert.DoesNotContain(null, dropout.Take(onset));
        Assert.InRange(dropout.Skip(onset).Count(v => v is null) / (double)(dropout.Count - onset), 0.5, 0.7);

        var spikes = SensorValues(FaultKind.SensorSpikes, "flow_rate");
        var normalMax = spikes.Take(onset).Max()!.Value;
        Assert.InRange(spikes.Skip(onset).Count(v => v > normalMax * 1.5), 50, 250);

        // Drift of 5% per hour: the last ten minutes read about 10% high after two hours.
        var drift = SensorValues(FaultKind.SensorDrift, "temperature");
        var healthy = SensorValues(FaultKind.SensorDrift, "pressure");
        Assert.Equal(healthy.Count, drift.Count);
        Assert.InRange(drift.TakeLast(300).Average()!.Value / drift.Skip(onset - 300).Take(300).Average()!.Value, 1.07, 1.14);
    }

    [Fact]
    public void AutoSchedule_PutsTwoPumpFaultsAfterAHealthyStart_AndLabelsThem()
    {
        var simulator = new PumpSimulator(new SimulatorOptions(5, TimeSpan.FromSeconds(1), Start, TimeSpan.FromHours(8), 1));
        var pumpFaults = simulator.Faults.Where(f => !f.Kind.IsSensorFault()).ToList();
        Assert.Equal(2, pumpFaults.Count);
        Assert.NotEqual(pumpFaults[0].PumpId, pumpFaults[1].PumpId);
        Assert.All(simulator.Faults, f => Assert.True(f.Start >= Start.AddHours(3.2)));
        Assert.Matches(@"^\d+,[a-z_]+,\d{4}-\d\d-\d\dT[\d:.]+Z,\d{4}-\d\d-\d\dT[\d:.]+Z,1,", simulator.Faults[0].ToLabelLine());
    }

    [Fact]
    public void Output_IsTheTutorialShape_AndMalformedLinesAppearAtTheRate()
    {
        var records = new PumpSimulator(new SimulatorOptions(5, TimeSpan.FromSeconds(1), Start, TimeSpan.FromMinutes(20), 2, 0.05, [])).Generate().ToList();
        Assert.StartsWith("{\"pump_id\": 1, \"timestamp\": \"2026-05-01T00:00:00\", \"temperature\": ", records[0].ToLine(), StringComparison.Ordinal);
        var share = records.Count(r => r.MalformedLine is not null) / (double)records.Count;
        Assert.InRange(share, 0.04, 0.06);
    }
}
