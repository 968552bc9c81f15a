using System.Globalization;
using System.Text;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Storage;
using PumpWatch.Function;
using PumpWatch.Function.Events;

namespace PumpWatch.Lambda.Tests.Function;

/// <summary>
/// Issue 8's allocation target, held deterministically: a warm function's ordinary invocation (base64 decode, parse,
/// validate, window aggregates, state export) allocates the same whether its event holds 500 or 1,000 records, i.e.
/// nothing per record. What it does allocate is per invocation and per pump (the returned state strings).
/// </summary>
public sealed class HandlerAllocationTests
{
    private const int Pumps = 10;
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Bytes per record allowed between the two events: the metrics line prints elapsed milliseconds, whose length
    /// varies by a few characters from one invocation to the next; 500 records at a whole byte each would exceed it.
    /// </summary>
    private const double PerRecordTolerance = 0.25;

    [Fact]
    public async Task WarmFunction_OrdinaryInvocation_AllocatesNothingPerRecord()
    {
        var function = new KinesisWindowFunction(new FunctionSettings(PipelineOptions.Default, "test-site"), AnyModel(), new DiscardingWriter(),
            new RecordingAlertSink(), new MemoryAlertStateStore(), new InMemoryShardStateStore(), TimeProvider.System, TextWriter.Null);
        var small = Event(seconds: 50);
        var large = Event(seconds: 100);

        // Warm: pools, the pump table, the outcome list and the JIT reach their steady state.
        for (var i = 0; i < 3; i++)
        {
            await Invoke(function, small);
            await Invoke(function, large);
        }

        var smallBytes = await Invoke(function, small);
        var largeBytes = await Invoke(function, large);
        var perRecord = (largeBytes - smallBytes) / (double)(large.Records!.Count - small.Records!.Count);
        Assert.True(perRecord <= PerRecordTolerance,
            $"{perRecord:F2} B per record ({smallBytes:N0} B for {small.Records.Count} records, {largeBytes:N0} B for {large.Records.Count})");
    }

    // An ordinary invocation scores nothing: any model of the default features will do (seeded random rows).
    private static AnomalyModel AnyModel()
    {
        var rng = new MathNet.Numerics.Random.MersenneTwister(3);
        var rows = Enumerable.Range(0, 300 * FeatureSet.ModelDefault.Names.Count).Select(_ => rng.NextDouble()).ToArray();
        return AnomalyModel.Train(rows, FeatureSet.ModelDefault.Names, TrainingOptions.Default, DateTimeOffset.UnixEpoch, FeatureSet.Version);
    }

    // Allocated by the invocation on this thread; every store here completes synchronously, so the whole handler runs
    // before HandleAsync returns its task.
    private static async Task<long> Invoke(KinesisWindowFunction function, KinesisTimeWindowEvent input)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var task = function.HandleAsync(input, CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(task.IsCompletedSuccessfully, "the handler should complete synchronously with in-memory stores");
        Assert.Empty((await task).BatchItemFailures);
        return allocated;
    }

    // Pumps at 1 Hz with exact seconds, so every pump's state (one run of timestamp gaps, fifteen sampling gaps) has the
    // same size in both events.
    private static KinesisTimeWindowEvent Event(int seconds)
    {
        var items = new List<KinesisEvents.Item>();
        for (var s = 0; s < seconds; s++)
        {
            for (var pump = 1; pump <= Pumps; pump++)
            {
                var at = T0.AddSeconds(s);
                var json = string.Create(CultureInfo.InvariantCulture,
                    $"{{\"pump_id\":\"pump-{pump}\",\"timestamp\":\"{at:yyyy-MM-dd'T'HH:mm:ss'Z'}\",\"temperature\":{70 + (s % 7) * 0.125},\"pressure\":{300 + (pump * 0.5)},\"flow_rate\":600,\"vibration\":{1.5 + (s % 3) * 0.01}}}");
                items.Add(new($"pump-{pump}", items.Count.ToString("D56", CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(json), at.AddSeconds(1)));
            }
        }

        return KinesisEvents.Event(items, T0, T0.AddMinutes(1), new Dictionary<string, string>(), final: false);
    }

    /// <summary>A store that keeps nothing, so what is measured is the handler, not the store's rows.</summary>
    private sealed class DiscardingWriter : DetectionSink, IResultWriter
    {
        public Task FlushAsync(CancellationToken cancel = default) => Task.CompletedTask;
    }
}
