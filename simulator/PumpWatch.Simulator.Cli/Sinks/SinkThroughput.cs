using System.Globalization;

namespace PumpWatch.Simulator.Cli.Sinks;

/// <summary>
/// Counts what a sink delivered since its first message and prints it: a progress line every <see cref="ReportEvery"/>
/// of wall time (long paced runs) and the closing line, with messages per second and the sink's own counters.
/// </summary>
internal sealed class SinkThroughput(string target, string unit, TimeProvider time, TextWriter log)
{
    /// <summary>How often a long run says how it is going: often enough to see throttling build up, rarely enough to read.</summary>
    public static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(5);

    private long? _first;
    private long _lastReport;

    /// <summary>Messages the destination accepted.</summary>
    public long Delivered { get; private set; }

    /// <summary>Starts the clock at the first message, so the rate leaves out connecting and checking the destination.</summary>
    public void Start()
    {
        if (_first is null)
        {
            _first = time.GetTimestamp();
            _lastReport = _first.Value;
        }
    }

    public void Add(int delivered) => Delivered += delivered;

    /// <summary>Prints a progress line when the last one is <see cref="ReportEvery"/> old.</summary>
    public async ValueTask ReportIfDueAsync(string details)
    {
        if (_first is not null && time.GetElapsedTime(_lastReport) >= ReportEvery)
        {
            _lastReport = time.GetTimestamp();
            await log.WriteLineAsync(Line(details)).ConfigureAwait(false);
        }
    }

    /// <summary>Prints the closing line.</summary>
    public async ValueTask ReportFinalAsync(string details) => await log.WriteLineAsync(Line(details)).ConfigureAwait(false);

    /// <summary>The line: target, count, wall time, rate and details, e.g. <c>kinesis stream 'pumps': 1800 records in 0.4 s (4500 records/s), ...</c>.</summary>
    public string Line(string details)
    {
        var elapsed = _first is { } first ? time.GetElapsedTime(first) : TimeSpan.Zero;
        // Below a millisecond the rate says nothing; a run that short delivered at most a batch.
        var rate = elapsed >= TimeSpan.FromMilliseconds(1) ? (Delivered / elapsed.TotalSeconds).ToString("0", CultureInfo.InvariantCulture) : "-";
        return string.Create(CultureInfo.InvariantCulture, $"pumpwatch-sim: {target}: {Delivered} {unit} in {elapsed.TotalSeconds:0.0} s ({rate} {unit}/s){details}");
    }
}
