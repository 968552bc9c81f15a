using System.Text;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Features;
using PumpWatch.Core.Processing;
using PumpWatch.Simulator;

namespace PumpWatch.Simulator.Tests;

/// <summary>
/// The likely-cause hint names the fault the simulator injected, per fault kind: windows of a pump at full fault
/// severity, measured against the same pump's healthy windows, go through <see cref="LikelyCause"/>.
/// </summary>
public sealed class LikelyCauseTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    // The hint must name the injected cause in most full-severity windows, not by luck in one.
    private const double MinimumShare = 0.6;

    private sealed class Windows : DetectionSink
    {
        public List<(long End, double[] Features)> All { get; } = [];

        public override void OnWindow(ScoredWindow window) => All.Add((window.End, (double[])window.Features.Clone()));
    }

    [Theory]
    [InlineData(FaultKind.BearingWear, null, "bearing wear")]
    [InlineData(FaultKind.Cavitation, null, "cavitation")]
    [InlineData(FaultKind.SealLeak, null, "seal leak")]
    [InlineData(FaultKind.Blockage, null, "blockage")]
    [InlineData(FaultKind.MotorOverheating, null, "overheating")]
    [InlineData(FaultKind.SensorSpikes, "flow_rate", "faulty flow_rate sensor")]
    [InlineData(FaultKind.SensorSpikes, "pressure", "faulty pressure sensor")]
    public void Describe_FullSeverityWindowsOfASimulatedFault_NameItsCause(FaultKind kind, string? sensor, string expected)
    {
        var onset = Start.AddHours(3);
        var fault = new FaultSpec("1", kind, onset, TimeSpan.FromMinutes(30), Start.AddHours(5), 1.0, sensor);
        var (names, faulty) = WindowFeatures([fault]);
        // The same pump without the fault: its load and temperature follow the same daily course, so the difference
        // between the two at the same time is the fault's signature, not the operating point's drift.
        var (_, twin) = WindowFeatures([]);
        var healthyEnd = Readings(onset);
        var healthy = faulty.Where(w => w.End <= healthyEnd).Select(w => w.Features).ToList();
        var std = new double[names.Count];
        for (var f = 0; f < names.Count; f++)
        {
            std[f] = MathNet.Numerics.Statistics.Statistics.StandardDeviation(healthy.Select(h => h[f]).Where(double.IsFinite));
        }

        var twinAt = twin.ToDictionary(w => w.End, w => w.Features);
        var full = faulty.Where(w => w.End > Readings(onset.AddHours(1)) && twinAt.ContainsKey(w.End)).ToList();
        var hints = full.Select(w => LikelyCause.Describe(feature =>
        {
            var f = Index(names, feature);
            return f < 0 || !(std[f] > 0) ? double.NaN : (w.Features[f] - twinAt[w.End][f]) / std[f];
        })).ToList();
        var named = hints.Count(h => h is not null && h.Contains(expected, StringComparison.Ordinal));
        Assert.True(named >= MinimumShare * hints.Count,
            $"{kind}: '{expected}' in {named} of {hints.Count} windows; most common: {hints.GroupBy(h => h).OrderByDescending(g => g.Count()).First().Key}");
    }

    private static (IReadOnlyList<string> Names, List<(long End, double[] Features)> Windows) WindowFeatures(IReadOnlyList<FaultSpec> faults)
    {
        var simulator = new PumpSimulator(new SimulatorOptions(1, TimeSpan.FromSeconds(1), Start, TimeSpan.FromHours(5), 11, 0, faults));
        var sink = new Windows();
        var pipeline = new DetectionPipeline(PipelineOptions.Default, sink);
        foreach (var record in simulator.Generate())
        {
            pipeline.Process(Encoding.UTF8.GetBytes(record.ToLine()), long.MaxValue);
        }

        pipeline.CloseAllWindows();
        return (pipeline.FeatureNames, sink.All);
    }

    private static long Readings(DateTimeOffset t) => PumpWatch.Core.Readings.EventTime.FromDateTimeOffset(t);

    private static int Index(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
