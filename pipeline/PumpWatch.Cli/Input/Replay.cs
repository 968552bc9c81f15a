using System.Globalization;
using PumpWatch.Core.Processing;

namespace PumpWatch.Cli.Input;

/// <summary>
/// Feeds input records through a pipeline to the end and flushes it: the loop shared by train, score and backtest.
/// A plain synchronous method, so the JIT optimises the hot loop fully (inside an async lambda it ran about 25% slower).
/// </summary>
internal static class Replay
{
    /// <summary>A window that holds this many readings or fewer has features that mean little (a mean of one value, no spread).</summary>
    public const double FewReadingsPerWindow = 2;

    /// <summary>Runs the records through; a warning about sampling too coarse for the window goes to the notices writer (TextWriter.Null for a silent pass).</summary>
    public static void Run(IEnumerable<InputRecord> records, DetectionPipeline pipeline, Progress progress, TextWriter notices, CancellationToken cancel, Action<InputRecord>? before = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        using (progress)
        {
            foreach (var record in records)
            {
                cancel.ThrowIfCancellationRequested();
                before?.Invoke(record);
                record.FeedTo(pipeline);
                progress.Report(pipeline.Counters.Records);
            }

            WarnCoarseSampling(pipeline, notices);
            pipeline.CloseAllWindows();
        }
    }

    /// <summary>One line per sampling interval that leaves at most <see cref="FewReadingsPerWindow"/> readings in a window, naming the pumps, the interval and the window.</summary>
    public static void WarnCoarseSampling(DetectionPipeline pipeline, TextWriter notices)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(notices);
        var window = pipeline.WindowSize;
        var byInterval = new SortedDictionary<long, List<string>>();
        foreach (var pump in pipeline.KnownPumps)
        {
            var interval = pipeline.SamplingIntervalMicros(pump);
            if (interval > 0 && window.TotalMicroseconds / interval <= FewReadingsPerWindow)
            {
                if (!byInterval.TryGetValue(interval, out var pumps))
                {
                    byInterval[interval] = pumps = [];
                }

                pumps.Add(pump);
            }
        }

        foreach (var (interval, pumps) in byInterval)
        {
            var every = TimeSpan.FromMicroseconds(interval);
            var names = pumps.Count <= 5 ? string.Join(", ", pumps) : $"{string.Join(", ", pumps.Take(5))} and {pumps.Count - 5} more";
            notices.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pumpwatch: warning: pump{(pumps.Count > 1 ? "s" : "")} {names}: one reading every {every} and --window {window}: about {window.TotalMicroseconds / interval:0.#} readings per window, too few for window features; use a --window of at least {TimeSpan.FromMicroseconds(interval * 10)} (10 readings)"));
        }
    }
}
