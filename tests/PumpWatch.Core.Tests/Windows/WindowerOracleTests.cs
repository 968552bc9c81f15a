using MathNet.Numerics;
using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;
using PumpWatch.Core.Features;
using PumpWatch.Core.Readings;
using PumpWatch.Core.Windows;

namespace PumpWatch.Core.Tests.Windows;

/// <summary>
/// The windows and features the <see cref="Windower"/> emits, against windows built in the test from first principles
/// and statistics computed by MathNet.Numerics over the member values (two-pass, not the streaming moments).
/// </summary>
/// <remarks>
/// Semantics as read in Windower.cs, WindowOptions.cs and SlidingWindow.cs (all microseconds, [start, end)):
/// tumbling size S: a reading at t is in [floor(t/S)*S, +S); one window per such interval holding a reading.
/// hopping size S, hop H: readings fall in hop panes [floor(t/H)*H, +H); one window [e - S, e) is emitted for each
/// pane end e whose pane holds a reading (a hop-aligned end whose last hop is empty gets no window, even when
/// earlier hops of it hold readings); it holds every reading with e - S &lt;= t &lt; e.
/// trailing size S: one window per reading t, [t + 1 - S, t + 1), i.e. every reading with t - S &lt; u &lt;= t.
/// </remarks>
public sealed class WindowerOracleTests
{
    private const long Second = 1_000_000;

    // One-pass streaming moments versus MathNet's two-pass ones differ by rounding (about 1e-13 relative on
    // these windows of at most ~80 readings of well-conditioned values); 1e-9 leaves headroom and still catches any formula slip.
    private const double FeatureTolerance = 1e-9;

    private static readonly string[] SensorNames = ["temperature", "pressure", "flow_rate", "vibration"];
    private static readonly string[] PumpIds = ["p1", "p2", "p10"];

    private sealed record Sample(string Pump, long Time, Dictionary<string, double> Values)
    {
        public Reading ToReading() => new(Pump, Time, Values.Select(kv => new KeyValuePair<string, double>(kv.Key, kv.Value)).ToList());
    }

    private sealed record ExpectedWindow(string Pump, long Start, long End, List<Sample> Members);

    /// <summary>
    /// Irregular per-pump series: steps of 0.2-2.7 s with microsecond jitter and, now and then, a gap of 25-200 s
    /// (longer than every window, so eviction is exercised); pressure is missing from about one reading in five.
    /// </summary>
    private static List<Sample> Samples(int seed, int perPump)
    {
        var rng = new MersenneTwister(seed);
        var all = new List<Sample>();
        // A start that is not aligned to any window size: 2026-05-01T12:00:00.123457Z.
        var t0 = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero)) + 123_457;
        foreach (var pump in PumpIds)
        {
            var t = t0 + (long)(rng.NextDouble() * 30 * Second);
            for (var i = 0; i < perPump; i++)
            {
                var step = rng.NextDouble() < 0.04 ? 25 + (rng.NextDouble() * 175) : 0.2 + (rng.NextDouble() * 2.5);
                t += (long)(step * Second) + 1;
                var values = new Dictionary<string, double>
                {
                    ["temperature"] = 70 + (i * 0.01) + (rng.NextDouble() * 3),
                    ["flow_rate"] = 600 + (rng.NextDouble() * 20),
                    ["vibration"] = 1.5 + (rng.NextDouble() * rng.NextDouble() * 2),
                };
                if (rng.NextDouble() >= 0.2)
                {
                    values["pressure"] = 300 + (rng.NextDouble() * 10);
                }

                all.Add(new Sample(pump, t, values));
            }
        }

        return all;
    }

    // Floor division for the positive epoch times used here.
    private static long Floor(long t, long width) => t / width * width;

    private static List<ExpectedWindow> ExpectedWindows(List<Sample> samples, WindowOptions options)
    {
        var size = (long)options.Size.TotalMicroseconds;
        var result = new List<ExpectedWindow>();
        foreach (var pump in samples.Select(s => s.Pump).Distinct())
        {
            var mine = samples.Where(s => s.Pump == pump).OrderBy(s => s.Time).ToList();
            IEnumerable<(long Start, long End)> bounds;
            if (options.PerReading)
            {
                bounds = mine.Select(s => (s.Time + 1 - size, s.Time + 1));
            }
            else if (options.Hop == options.Size)
            {
                bounds = mine.Select(s => Floor(s.Time, size)).Distinct().Select(start => (start, start + size));
            }
            else
            {
                var hop = (long)options.Hop.TotalMicroseconds;
                bounds = mine.Select(s => Floor(s.Time, hop) + hop).Distinct().Select(end => (end - size, end));
            }

            foreach (var (start, end) in bounds)
            {
                result.Add(new ExpectedWindow(pump, start, end, mine.Where(s => s.Time >= start && s.Time < end).ToList()));
            }
        }

        return result;
    }

    /// <summary>Every window the windower emits, in emission order, with its features and per-sensor first/last times.</summary>
    private static List<(string Pump, long Start, long End, int Count, double[] Features, (long First, long Last)[] Times)> Emitted(
        IEnumerable<Sample> arrival, WindowOptions options, FeatureSet set)
    {
        var catalog = new SensorCatalog();
        var windower = new Windower(options, catalog);
        var buffer = new ParsedReading();
        var result = new List<(string, long, long, int, double[], (long, long)[])>();
        foreach (var sample in arrival)
        {
            sample.ToReading().CopyTo(buffer, catalog);
            Assert.Equal(WindowAdmission.Accepted, windower.Add(buffer));
            Drain();
        }

        windower.CloseAll();
        Drain();
        return result;

        void Drain()
        {
            foreach (var w in windower.Closed)
            {
                var features = new double[set.Count];
                set.Compute(w, catalog, features);
                var times = SensorNames.Select(name => catalog.TryGetIndex(name, out var i) && w.Sensor(i).Count > 0
                    ? (w.Sensor(i).FirstTime, w.Sensor(i).LastTime) : (long.MaxValue, long.MinValue)).ToArray();
                result.Add((w.PumpId, w.Start, w.End, w.Count, features, times));
            }

            windower.Release();
        }
    }

    /// <summary>The feature named <paramref name="name"/> over <paramref name="members"/>, computed with MathNet per the documented NaN policy.</summary>
    private static double Oracle(string name, List<Sample> members)
    {
        if (name == FeatureSet.PressureFlowRatioName)
        {
            var flow = Oracle("flow_rate.mean", members);
            return flow > 0 ? Oracle("pressure.mean", members) / flow : double.NaN;
        }

        var dot = name.LastIndexOf('.');
        var sensor = name[..dot];
        var stat = name[(dot + 1)..];
        if (stat == "present_share")
        {
            // The share of the window's readings that carry the sensor, counted from the members themselves.
            return members.Count(m => m.Values.ContainsKey(sensor)) / (double)members.Count;
        }

        var points = members.Where(m => m.Values.ContainsKey(sensor)).OrderBy(m => m.Time).ToList();
        var v = points.Select(p => p.Values[sensor]).ToArray();
        var n = v.Length;
        if (n == 0)
        {
            return double.NaN;
        }

        // One reading has no spread. (Zero variance does not occur here: the values are continuous random draws.)
        var needsSpread = stat is "std" or "slope_per_min" or "skewness" or "kurtosis" or "rise_per_min";
        if (needsSpread && n < 2)
        {
            return double.NaN;
        }

        // Seconds after the first member: exact integer microsecond differences, so the fit is well conditioned.
        var seconds = points.Select(p => (p.Time - points[0].Time) / 1e6).ToArray();
        return stat switch
        {
            "mean" => Statistics.Mean(v),
            "std" => Statistics.StandardDeviation(v),
            "min" => Statistics.Minimum(v),
            "max" => Statistics.Maximum(v),
            "range" => Statistics.Maximum(v) - Statistics.Minimum(v),
            "slope_per_min" => Slope(seconds, v) * 60,
            "skewness" => Statistics.PopulationSkewness(v),
            // MathNet gives NaN below three values; for two distinct values the definition gives deviations +-d,
            // M2 = 2d^2, M4 = 2d^4, so n M4 / M2^2 - 3 = 2 * 2d^4 / 4d^4 - 3 = -2 exactly (hand calculation).
            "kurtosis" => n == 2 ? -2.0 : Statistics.PopulationKurtosis(v),
            "last" => v[^1],
            "rise_per_min" => (v[^1] - v[0]) / (seconds[^1] / 60),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no oracle for this feature"),
        };
    }

    private static double Slope(double[] x, double[] y)
    {
        var (_, slope) = Fit.Line(x, y);
        return slope;
    }

    public static TheoryData<string, int, bool> Cases()
    {
        var data = new TheoryData<string, int, bool>();
        foreach (var mode in new[] { "tumbling", "hopping", "trailing" })
        {
            foreach (var seed in new[] { 11, 12 })
            {
                data.Add(mode, seed, false);
            }

            data.Add(mode, 13, true);
        }

        return data;
    }

    private static WindowOptions Options(string mode, TimeSpan lateness) => mode switch
    {
        "tumbling" => WindowOptions.Tumbling(TimeSpan.FromSeconds(30), lateness),
        "hopping" => WindowOptions.Hopping(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(15), lateness),
        "trailing" => WindowOptions.Trailing(TimeSpan.FromSeconds(20), lateness),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown mode"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Windower_IrregularSeveralPumps_EmitsTheWindowsAndFeaturesComputedFromFirstPrinciples(string mode, int seed, bool disordered)
    {
        var samples = Samples(seed, 400);
        var lateness = TimeSpan.FromSeconds(10);
        IEnumerable<Sample> arrival;
        if (disordered)
        {
            // Each reading is delayed by up to half the lateness: when it arrives, every reading already seen is at
            // most lateness/2 newer, so none is late and the final windows must equal those of the sorted series.
            var rng = new MersenneTwister(seed + 1000);
            var half = (long)lateness.TotalMicroseconds / 2;
            arrival = samples.Select(s => (s, Arrives: s.Time + (long)(rng.NextDouble() * half))).OrderBy(x => x.Arrives).Select(x => x.s).ToList();
        }
        else
        {
            // Pumps interleaved by event time, as one shard delivers them.
            arrival = samples.OrderBy(s => s.Time).ToList();
        }

        var options = Options(mode, disordered ? lateness : TimeSpan.Zero);
        var set = FeatureSet.All(SensorNames);
        var emitted = Emitted(arrival, options, set);
        var expected = ExpectedWindows(samples, options);

        Assert.Equal(expected.Count, emitted.Count);
        var byKey = emitted.ToDictionary(w => (w.Pump, w.Start, w.End));
        Assert.Equal(emitted.Count, byKey.Count); // no window emitted twice
        foreach (var pump in PumpIds)
        {
            var ends = emitted.Where(w => w.Pump == pump).Select(w => w.End).ToList();
            Assert.Equal(ends.Order(), ends); // per pump, windows close in end order
        }

        foreach (var want in expected)
        {
            Assert.True(byKey.TryGetValue((want.Pump, want.Start, want.End), out var got), $"{mode}: no window {want.Pump} [{want.Start}, {want.End})");
            Assert.Equal(want.Members.Count, got.Count);
            for (var s = 0; s < SensorNames.Length; s++)
            {
                var times = want.Members.Where(m => m.Values.ContainsKey(SensorNames[s])).Select(m => m.Time).ToList();
                if (times.Count > 0)
                {
                    // Eviction: nothing older than the window's start and nothing at or after its end is in it.
                    Assert.True(got.Times[s].First >= want.Start && got.Times[s].Last < want.End, $"{mode} {want.Pump} [{want.Start}, {want.End}) {SensorNames[s]}: members from {got.Times[s].First} to {got.Times[s].Last}");
                    Assert.Equal((times.Min(), times.Max()), got.Times[s]);
                }
            }

            for (var f = 0; f < set.Count; f++)
            {
                var oracle = Oracle(set.Names[f], want.Members);
                var actual = got.Features[f];
                Assert.True(
                    double.IsNaN(oracle) ? double.IsNaN(actual) : Math.Abs(actual - oracle) <= FeatureTolerance * Math.Max(1, Math.Abs(oracle)),
                    $"{mode} {want.Pump} [{want.Start}, {want.End}) {set.Names[f]}: windower {actual}, oracle {oracle} over {want.Members.Count} readings");
            }
        }
    }

    [Theory]
    [InlineData("hopping")]
    [InlineData("trailing")]
    public void SlidingWindow_AfterAGapLongerThanTheSize_HoldsOnlyTheReadingsAfterTheGap(string mode)
    {
        // Readings every second for two minutes, then a five-minute gap, then three readings: the first window
        // after the gap must hold the post-gap readings only (those before it are older than its start).
        var t0 = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        var samples = Enumerable.Range(0, 120).Select(i => (Time: t0 + (i * Second), Value: 100.0))
            .Concat(Enumerable.Range(0, 3).Select(i => (Time: t0 + ((420 + i) * Second), Value: 1.0 + i)))
            .Select(x => new Sample("p1", x.Time, new Dictionary<string, double> { ["vibration"] = x.Value }))
            .ToList();
        var set = FeatureSet.FromNames(["vibration.max", "vibration.mean"]);
        var emitted = Emitted(samples, Options(mode, TimeSpan.Zero), set);
        var afterGap = emitted.Where(w => w.End > t0 + (420 * Second)).ToList();
        Assert.NotEmpty(afterGap);
        // Hopping: one pane [420 s, 435 s) after the gap, so one window [375 s, 435 s); trailing: one window per reading.
        Assert.Equal(mode == "trailing" ? [1, 2, 3] : new[] { 3 }, afterGap.Select(w => w.Count).ToArray());
        // Exact comparison below: the max is one of the inputs, and every input after the gap is at most 3.0.
        Assert.All(afterGap, w => Assert.True(w.Features[0] <= 3.0, $"window [{w.Start}, {w.End}) still holds pre-gap readings: max {w.Features[0]}"));
        Assert.Equal(2.0, afterGap[^1].Features[1], FeatureTolerance);
    }
}
