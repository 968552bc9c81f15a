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

    // Seven values of order 1-10: one-pass and MathNet's two-pass results differ by a few ulps (~1e-15), 1e-12 is ample.
    private const double SmallSampleTolerance = 1e-12;

    private static Reading R(string pump, long offsetSeconds, double vibration, double temperature = 70) =>
        new(pump, T0 + (offsetSeconds * Second), [new("vibration", vibration), new("temperature", temperature)]);

    private static List<Reading> Series(string pump, int count, int seed)
    {
        var rng = new MathNet.Numerics.Random.MersenneTwister(seed);
        return Enumerable.Range(0, count).Select(i => R(pump, i, 1.5 + rng.NextDouble() + (i * 0.01), 70 + (rng.NextDouble() * 5))).ToList();
    }

    // Rounding budget of the streaming moments, in units of eps * (n * one deviation's rounding error + the result): a
    // deviation x - mean carries an error of a few eps * (|mean| + sd) whichever way the parts were merged (Chan,
    // Golub, LeVeque 1983), n of them are summed, and the sum itself rounds; 2 units fail now and then, 4 passed repeated runs, 16 leaves 4x.
    private const double MomentRoundingUnits = 16;

    // FsCheck draws from this seed, so every run checks the same 100 cases (a failure is reproducible as it stands).
    private static readonly Config Seeded = Config.QuickThrowOnFailure.WithReplay(
        Microsoft.FSharp.Core.FSharpOption<Replay>.Some(new Replay(new Rnd(20_260_501), Microsoft.FSharp.Core.FSharpOption<int>.None)));

    [Fact]
    public void Merge_AnySplitAndOrder_EqualsTwoPassMomentsOfTheRawValues()
    {
        Check.One(Seeded, Prop.ForAll(
            Gen.Choose(-1000, 1000).ArrayOf().Where(a => a.Length >= 2).ToArbitrary(),
            Gen.Elements(0.0, 1e6).ToArbitrary(),
            Gen.Choose(0, int.MaxValue).ToArbitrary(),
            (int[] draws, double offset, int seed) =>
            {
                // With offset 1e6 the values are 1e6 plus noise of at most 0.1, where a naive sum of squares loses every digit.
                // (offset == 0 is exact on purpose: it is one of the two literal choices above.)
                var values = draws.Select(d => offset == 0 ? d / 10.0 : offset + (d / 1e4)).ToArray();
                var rng = new MathNet.Numerics.Random.MersenneTwister(seed);
                // Irregular times: gaps of 1 us to 100 s.
                var times = new long[values.Length];
                times[0] = T0 + rng.Next(1_000_000);
                for (var i = 1; i < times.Length; i++)
                {
                    times[i] = times[i - 1] + 1 + (long)(rng.NextDouble() * rng.NextDouble() * 100 * Second);
                }

                var all = SensorAggregate.Empty;
                for (var i = 0; i < values.Length; i++)
                {
                    all.Add(times[i], values[i]);
                }

                // Split into random parts, aggregate each (its readings in shuffled order), merge them in a shuffled order.
                var parts = new List<SensorAggregate>();
                var current = new List<int>();
                for (var i = 0; i < values.Length; i++)
                {
                    current.Add(i);
                    if (rng.NextDouble() < 0.3 || i == values.Length - 1)
                    {
                        var part = SensorAggregate.Empty;
                        foreach (var j in current.OrderBy(_ => rng.Next()))
                        {
                            part.Add(times[j], values[j]);
                        }

                        parts.Add(part);
                        current.Clear();
                    }
                }

                var merged = SensorAggregate.Empty;
                foreach (var part in parts.OrderBy(_ => rng.Next()))
                {
                    merged.Merge(part);
                }

                AssertTwoPass(times, values, all, "aggregated at once");
                AssertTwoPass(times, values, merged, $"merged from {parts.Count} parts");
                return true;
            }));
    }

    /// <summary>Every field of <paramref name="actual"/> against a two-pass computation over the raw (time, value) pairs.</summary>
    private static void AssertTwoPass(long[] times, double[] values, SensorAggregate actual, string how)
    {
        var n = values.Length;
        // Two-pass mean with one correction pass (Bjorck), then central sums with plain loops.
        var mean = values.Sum() / n;
        mean += values.Sum(x => x - mean) / n;
        var firstTime = times.Min();
        var t = times.Select(x => (x - firstTime) / 1e6).ToArray();
        var meanT = t.Sum() / n;
        meanT += t.Sum(x => x - meanT) / n;
        double m2 = 0, m3 = 0, m4 = 0, m2t = 0, cotv = 0;
        for (var i = 0; i < n; i++)
        {
            var d = values[i] - mean;
            var dt = t[i] - meanT;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
            m2t += dt * dt;
            cotv += dt * d;
        }

        var sd = Math.Sqrt(m2 / n);
        var sdT = Math.Sqrt(m2t / n);
        var eps = MomentRoundingUnits * Math.Pow(2, -52);
        var deviation = sd + Math.Abs(mean);    // size of one value deviation's rounding error, over eps
        var deviationT = sdT + Math.Abs(meanT); // the same for time
        void Near(string field, double expected, double got, double bound) =>
            Assert.True(Math.Abs(expected - got) <= bound + (eps * Math.Abs(expected)), $"{how}, n {n}, mean {mean}: {field} expected {expected}, got {got}, bound {bound}");

        Assert.Equal(n, actual.Count);
        Near("mean", mean, actual.Mean, eps * deviation);
        Near("M2", m2, actual.M2, eps * n * sd * deviation);
        Near("M3", m3, actual.M3, eps * n * sd * sd * deviation);
        Near("M4", m4, actual.M4, eps * n * sd * sd * sd * deviation);
        Near("MeanT", meanT, actual.MeanT, eps * deviationT);
        Near("M2T", m2t, actual.M2T, eps * n * sdT * deviationT);
        Near("CoTV", cotv, actual.CoTV, eps * n * ((sdT * deviation) + (sd * deviationT)));
        // Exact: these are selections of inputs, not computed values.
        Assert.Equal(values.Min(), actual.Min);
        Assert.Equal(values.Max(), actual.Max);
        var first = Array.IndexOf(times, firstTime);
        var last = Array.IndexOf(times, times.Max());
        Assert.Equal((times[first], values[first]), (actual.FirstTime, actual.FirstValue));
        Assert.Equal((times[last], values[last]), (actual.LastTime, actual.LastValue));
    }

    [Fact]
    public void Aggregate_MatchesMathNetStatistics()
    {
        var values = new[] { 1.0, 4.0, 2.5, 8.0, 3.0, 3.5, 7.25 };
        var a = SensorAggregate.Empty;
        for (var i = 0; i < values.Length; i++)
        {
            a.Add(T0 + (i * Second), values[i]);
        }

        Assert.Equal(MathNet.Numerics.Statistics.Statistics.Mean(values), WindowStatistics.Mean(a), SmallSampleTolerance);
        Assert.Equal(MathNet.Numerics.Statistics.Statistics.StandardDeviation(values), WindowStatistics.StandardDeviation(a), SmallSampleTolerance);
        Assert.Equal(MathNet.Numerics.Statistics.Statistics.PopulationSkewness(values), WindowStatistics.Skewness(a), SmallSampleTolerance);
        Assert.Equal(MathNet.Numerics.Statistics.Statistics.PopulationKurtosis(values), WindowStatistics.Kurtosis(a), SmallSampleTolerance);
        // Least-squares slope per minute against MathNet's Fit.Line on (seconds, value).
        var (_, slope) = MathNet.Numerics.Fit.Line(Enumerable.Range(0, values.Length).Select(i => (double)i).ToArray(), values);
        Assert.Equal(slope * 60, WindowStatistics.SlopePerMinute(a), SmallSampleTolerance * 60);
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

    // AWS Lambda developer guide, "Using Lambda with Kinesis" > time windows
    // (https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-windows.html): "Your state can be a maximum of
    // 1 MB per shard. If it exceeds that size, Lambda terminates the window early." Taken as 10^6 bytes, the smaller reading of MB.
    private const int LambdaStateLimitBytes = 1_000_000;

    // The shard size the state must support: 1,000 pumps on one shard (1,000 records/s, one Kinesis shard's write limit at 1 Hz).
    private const int PumpsPerShard = 1_000;

    // Lambda's TumblingWindowInSeconds for Kinesis is 0 to 900 (same guide): the state must fit for 60 s to 900 s at 1 Hz.
    [Theory]
    [InlineData(60)]
    [InlineData(300)]
    [InlineData(900)]
    public void State_ThousandPumpsOneTumblingWindowOfFourSensorsAt1Hz_FitsTheLambdaStateLimitPerShard(int windowSeconds)
    {
        var catalog = new SensorCatalog();
        var windower = new Windower(WindowOptions.Tumbling(TimeSpan.FromSeconds(windowSeconds)), catalog);
        var buffer = new ParsedReading();
        var rng = new MathNet.Numerics.Random.MersenneTwister(17);
        var pumps = Enumerable.Range(0, PumpsPerShard).Select(p => $"pump-{p:D4}").ToList();
        // A full window per pump, the state just before it closes: readings at 0 .. size - 1 s.
        for (var i = 0; i < windowSeconds; i++)
        {
            foreach (var pump in pumps)
            {
                new Reading(pump, T0 + (i * Second), [new("temperature", 70 + rng.NextDouble()), new("pressure", 300 + rng.NextDouble()),
                    new("flow_rate", 600 + rng.NextDouble()), new("vibration", 1.5 + rng.NextDouble())]).CopyTo(buffer, catalog);
                Assert.Equal(WindowAdmission.Accepted, windower.Add(buffer));
            }
        }

        Assert.Empty(windower.Closed);
        var states = pumps.ToDictionary(p => p, p => windower.SaveState(p)!);
        // The measured strings must carry the whole window: restored elsewhere, one closes with every reading, and a
        // redelivered reading from anywhere in it is still a duplicate.
        var restored = new Windower(windower.Options, catalog);
        restored.LoadState(pumps[0], states[pumps[0]]);
        new Reading(pumps[0], T0 + ((windowSeconds / 3) * Second), [new("temperature", 1)]).CopyTo(buffer, catalog);
        Assert.Equal(WindowAdmission.Duplicate, restored.Add(buffer));
        restored.CloseAll();
        Assert.Equal(windowSeconds, Assert.Single(restored.Closed).Count);

        // The Lambda response's state is a JSON object of pump id to state string: {"id":"state",...}. Overhead: 2 bytes
        // of braces, per entry 4 quotes and a colon, and a comma between entries. Ids and base64 are ASCII and need no
        // escaping, but System.Text.Json's default encoder writes '+' as \u002B, so count 5 more bytes for each '+'.
        var bytes = 2 + (PumpsPerShard - 1) + states.Sum(kv =>
            System.Text.Encoding.UTF8.GetByteCount(kv.Key) + System.Text.Encoding.UTF8.GetByteCount(kv.Value) + 5
            + (5 * kv.Value.Count(c => c == '+')));
        Assert.True(bytes <= LambdaStateLimitBytes, $"{PumpsPerShard} pumps need {bytes:N0} bytes of state, over the {LambdaStateLimitBytes:N0} allowed per shard");
    }
}
