using FsCheck;
using FsCheck.Fluent;
using PumpWatch.Core.Features;
using PumpWatch.Core.Readings;
using PumpWatch.Core.Windows;

namespace PumpWatch.Core.Tests.Windows;

public sealed class WindowerTests
{
    private const long Second = 1_000_000;
    private static readonly long T0 = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));

    // Relative tolerance for quantities merged in different orders: rounding only, far above 1e-16 ulp noise.
    private const double MergeTolerance = 1e-9;

    private static Reading R(string pump, long offsetSeconds, double vibration, double temperature = 70) =>
        new(pump, T0 + (offsetSeconds * Second), [new("vibration", vibration), new("temperature", temperature)]);

    private static List<Reading> Series(string pump, int count, int seed)
    {
        var rng = new MathNet.Numerics.Random.MersenneTwister(seed);
        return Enumerable.Range(0, count).Select(i => R(pump, i, 1.5 + rng.NextDouble() + (i * 0.01), 70 + (rng.NextDouble() * 5))).ToList();
    }

    [Fact]
    public void Merge_AnySplitAndOrder_EqualsAggregatingAllAtOnce()
    {
        Prop.ForAll(
            Gen.Choose(-1000, 1000).Select(v => v / 10.0).ArrayOf().Where(a => a.Length >= 2).ToArbitrary(),
            Gen.Choose(0, int.MaxValue).ToArbitrary(),
            (double[] values, int seed) =>
            {
                var all = SensorAggregate.Empty;
                for (var i = 0; i < values.Length; i++)
                {
                    all.Add(T0 + (i * Second), values[i]);
                }

                // Split into random parts, aggregate each, merge them in a shuffled order.
                var rng = new MathNet.Numerics.Random.MersenneTwister(seed);
                var parts = new List<SensorAggregate>();
                var current = SensorAggregate.Empty;
                for (var i = 0; i < values.Length; i++)
                {
                    current.Add(T0 + (i * Second), values[i]);
                    if (rng.NextDouble() < 0.3)
                    {
                        parts.Add(current);
                        current = SensorAggregate.Empty;
                    }
                }

                parts.Add(current);
                var merged = SensorAggregate.Empty;
                foreach (var part in parts.OrderBy(_ => rng.Next()))
                {
                    merged.Merge(part);
                }

                return Close(all.Count, merged.Count) && Close(all.Mean, merged.Mean) && Close(all.M2, merged.M2, all.M2)
                    && Close(all.M3, merged.M3, Math.Pow(all.M2, 1.5)) && Close(all.M4, merged.M4, all.M2 * all.M2)
                    && all.Min == merged.Min && all.Max == merged.Max && all.FirstValue == merged.FirstValue
                    && all.LastValue == merged.LastValue && Close(all.CoTV, merged.CoTV, Math.Sqrt(all.M2 * all.M2T) + 1);
            }).QuickCheckThrowOnFailure();
    }

    private static bool Close(double expected, double actual, double scale = 0) =>
        Math.Abs(expected - actual) <= MergeTolerance * Math.Max(1.0, Math.Max(Math.Abs(expected), Math.Abs(scale)));

    [Fact]
    public void Aggregate_MatchesMathNetStatistics()
    {
        var values = new[] { 1.0, 4.0, 2.5, 8.0, 3.0, 3.5, 7.25 };
        var a = SensorAggregate.Empty;
        for (var i = 0; i < values.Length; i++)
        {
            a.Add(T0 + (i * Second), values[i]);
        }

        const double tolerance = 1e-12;
        Assert.Equal(MathNet.Numerics.Statistics.Statistics.Mean(values), WindowStatistics.Mean(a), tolerance);
        Assert.Equal(MathNet.Numerics.Statistics.Statistics.StandardDeviation(values), WindowStatistics.StandardDeviation(a), tolerance);
        Assert.Equal(MathNet.Numerics.Statistics.Statistics.PopulationSkewness(values), WindowStatistics.Skewness(a), tolerance);
        Assert.Equal(MathNet.Numerics.Statistics.Statistics.PopulationKurtosis(values), WindowStatistics.Kurtosis(a), tolerance);
        // Least-squares slope per minute against MathNet's Fit.Line on (seconds, value).
        var (_, slope) = MathNet.Numerics.Fit.Line(Enumerable.Range(0, values.Length).Select(i => (double)i).ToArray(), values);
        Assert.Equal(slope * 60, WindowStatistics.SlopePerMinute(a), 1e-9);
        Assert.Equal(7.0, WindowStatistics.Range(a));
        Assert.Equal(7.25, WindowStatistics.Last(a));
    }

    [Fact]
    public void Statistics_EmptyAndSingleReading_FollowTheNaNPolicy()
    {
        var empty = SensorAggregate.Empty;
        Assert.True(double.IsNaN(WindowStatistics.Mean(empty)));
        var one = SensorAggregate.Of(T0, 3.0);
        Assert.Equal(3.0, WindowStatistics.Mean(one));
        Assert.Equal(0.0, WindowStatistics.Range(one));
        Assert.True(double.IsNaN(WindowStatistics.StandardDeviation(one)));
        Assert.True(double.IsNaN(WindowStatistics.SlopePerMinute(one)));
        Assert.True(double.IsNaN(WindowStatistics.Skewness(one)));
    }

    private static List<double[]> Features(IEnumerable<Reading> readings, WindowOptions options, bool streaming, out List<(long, long)> bounds)
    {
        var catalog = new SensorCatalog();
        var set = FeatureSet.All(["vibration", "temperature"]);
        var windowBounds = new List<(long, long)>();
        List<double[]> result;
        if (!streaming)
        {
            result = SeriesWindows.Compute(readings, options, catalog, w =>
            {
                windowBounds.Add((w.Start, w.End));
                var f = new double[set.Count];
                set.Compute(w, catalog, f);
                return f;
            });
        }
        else
        {
            result = [];
            var windower = new Windower(options, catalog);
            var buffer = new ParsedReading();
            foreach (var r in readings)
            {
                r.CopyTo(buffer, catalog);
                windower.Add(buffer);
                Drain();
            }

            windower.CloseAll();
            Drain();

            void Drain()
            {
                foreach (var w in windower.Closed)
                {
                    windowBounds.Add((w.Start, w.End));
                    var f = new double[set.Count];
                    set.Compute(w, catalog, f);
                    result.Add(f);
                }

                windower.Release();
            }
        }

        bounds = windowBounds;
        return result;
    }

    public static TheoryData<string> Modes => new() { "tumbling", "hopping", "trailing" };

    private static WindowOptions Options(string mode, TimeSpan lateness) => mode switch
    {
        "tumbling" => WindowOptions.Tumbling(TimeSpan.FromSeconds(30), lateness),
        "hopping" => WindowOptions.Hopping(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), lateness),
        _ => WindowOptions.Trailing(TimeSpan.FromSeconds(30), lateness),
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public void Streaming_ShuffledDuplicatedAndLate_EqualsBatchOnTheCleanSeries(string mode)
    {
        var clean = Series("7", 300, 42);
        var rng = new MathNet.Numerics.Random.MersenneTwister(9);
        // Shuffle inside blocks of 5 s (within the 5 s lateness), add duplicates, and one reading far too late.
        var stream = new List<Reading>();
        for (var i = 0; i < clean.Count; i += 5)
        {
            var block = clean.Skip(i).Take(5).OrderBy(_ => rng.Next()).ToList();
            stream.AddRange(block);
            if (i % 20 == 0)
            {
                stream.Add(block[0]);
            }
        }

        stream.Insert(200, R("7", 3, 99.0)); // 3 s is long closed by position 200: late, dropped.
        stream.Insert(250, R("7", 10, 99.0) with { Timestamp = T0 + (10 * Second) + 1 });

        var lateness = TimeSpan.FromSeconds(5);
        var streamed = Features(stream, Options(mode, lateness), streaming: true, out var streamBounds);
        var batch = Features(clean, Options(mode, lateness), streaming: false, out var batchBounds);
        Assert.Equal(batchBounds, streamBounds);
        Assert.Equal(batch.Count, streamed.Count);
        for (var w = 0; w < batch.Count; w++)
        {
            for (var f = 0; f < batch[w].Length; f++)
            {
                var (a, b) = (batch[w][f], streamed[w][f]);
                Assert.True((double.IsNaN(a) && double.IsNaN(b)) || Math.Abs(a - b) <= MergeTolerance * Math.Max(1, Math.Abs(a)),
                    $"window {w} feature {f}: batch {a} vs stream {b}");
            }
        }
    }

    [Fact]
    public void Add_ClassifiesDuplicatesAndLateReadings()
    {
        var catalog = new SensorCatalog();
        var windower = new Windower(WindowOptions.Tumbling(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5)), catalog);
        var buffer = new ParsedReading();
        WindowAdmission Add(Reading r)
        {
            r.CopyTo(buffer, catalog);
            return windower.Add(buffer);
        }

        Assert.Equal(WindowAdmission.Accepted, Add(R("1", 10, 1)));
        Assert.Equal(WindowAdmission.Duplicate, Add(R("1", 10, 2)));
        Assert.Equal(WindowAdmission.Accepted, Add(R("1", 20, 1)));
        Assert.Equal(WindowAdmission.Accepted, Add(R("1", 16, 1))); // 4 s behind: within lateness
        Assert.Equal(WindowAdmission.Late, Add(R("1", 15, 1)));    // 5 s behind: late
        Assert.Equal(WindowAdmission.Accepted, Add(R("2", 15, 1))); // lateness is per pump
        Assert.Empty(windower.Closed);
        Assert.Equal(WindowAdmission.Accepted, Add(R("1", 65, 1))); // newest - lateness = 60: closes [0, 60)
        // Pump 1's window closes by its own reading; pump 2's by the stream's watermark, since the stream moved on
        // 45 s (more than the 5 s lateness) since pump 2's reading arrived.
        Assert.Equal(2, windower.Closed.Count);
        var closed = windower.Closed.Single(w => w.PumpId == "1");
        Assert.Equal(3, closed.Count);
        Assert.Equal(T0, closed.Start);
        Assert.Equal(T0 + (60 * Second), closed.End);
        Assert.Equal(1, windower.Closed.Single(w => w.PumpId == "2").Count);
    }

    [Fact]
    public void Trailing_EmitsOneWindowPerReading_CoveringTheLastSizeOfTime()
    {
        var catalog = new SensorCatalog();
        var windower = new Windower(WindowOptions.Trailing(TimeSpan.FromSeconds(3)), catalog);
        var buffer = new ParsedReading();
        var counts = new List<int>();
        foreach (var r in Enumerable.Range(0, 6).Select(i => R("1", i, i)))
        {
            r.CopyTo(buffer, catalog);
            windower.Add(buffer);
            counts.AddRange(windower.Closed.Select(w => w.Count));
            windower.Release();
        }

        Assert.Equal([1, 2, 3, 3, 3, 3], counts);
    }

    [Fact]
    public void State_RoundTrip_ContinuesExactlyWhereItStopped()
    {
        var series = Series("9", 90, 3);
        var options = WindowOptions.Hopping(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2));
        var whole = Features(series, options, streaming: true, out _);

        var catalog = new SensorCatalog();
        var first = new Windower(options, catalog);
        var buffer = new ParsedReading();
        var result = new List<double[]>();
        var set = FeatureSet.All(["vibration", "temperature"]);
        void Drain(Windower w)
        {
            foreach (var window in w.Closed)
            {
                var f = new double[set.Count];
                set.Compute(window, catalog, f);
                result.Add(f);
            }

            w.Release();
        }

        foreach (var r in series.Take(45))
        {
            r.CopyTo(buffer, catalog);
            first.Add(buffer);
            Drain(first);
        }

        var state = first.SaveState("9")!;
        var second = new Windower(options, catalog);
        second.LoadState("9", state);
        Assert.Equal(state, second.SaveState("9"));
        foreach (var r in series.Skip(45))
        {
            r.CopyTo(buffer, catalog);
            second.Add(buffer);
            Drain(second);
        }

        second.CloseAll();
        Drain(second);
        Assert.Equal(whole.Count, result.Count);
        for (var i = 0; i < whole.Count; i++)
        {
            for (var f = 0; f < whole[i].Length; f++)
            {
                // The restored sliding window merges its panes in another order: equal up to rounding.
                Assert.True(double.IsNaN(whole[i][f]) ? double.IsNaN(result[i][f]) : Math.Abs(whole[i][f] - result[i][f]) <= MergeTolerance * Math.Max(1, Math.Abs(whole[i][f])),
                    $"window {i} feature {f}: {whole[i][f]} vs {result[i][f]}");
            }
        }

        Assert.Throws<FormatException>(() => second.LoadState("9", "not base64!"));
        Assert.Throws<FormatException>(() => second.LoadState("9", Convert.ToBase64String([1, 2, 3])));
    }

    [Fact]
    public void State_OneTumblingMinuteOfFourSensors_FitsTheDocumentedSize()
    {
        var catalog = new SensorCatalog();
        var windower = new Windower(WindowOptions.Tumbling(TimeSpan.FromMinutes(1)), catalog);
        var buffer = new ParsedReading();
        for (var i = 0; i < 59; i++)
        {
            new Reading("1", T0 + (i * Second), [new("temperature", 70 + i), new("pressure", 300), new("flow_rate", 600), new("vibration", 1.5)]).CopyTo(buffer, catalog);
            windower.Add(buffer);
        }

        var state = windower.SaveState("1")!;
        // PumpStateCodec documents about 840 base64 characters per pump.
        Assert.InRange(state.Length, 600, 900);
    }
}
