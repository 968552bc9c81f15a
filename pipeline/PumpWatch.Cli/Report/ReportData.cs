namespace PumpWatch.Cli.Report;

/// <summary>
/// What the report's charts draw, embedded in the HTML as JSON: each pump's score timeline (the highest window score per
/// bucket against the threshold, at window ends), its labelled faults and its opened alerts. Times are epoch milliseconds.
/// </summary>
internal sealed record ReportData(long BucketMs, int PumpsNotDrawn, IReadOnlyList<ReportData.Pump> Pumps)
{
    /// <summary>One pump's timeline: bucket times, scores and thresholds in parallel arrays.</summary>
    public sealed record Pump(string PumpId, IReadOnlyList<long> Times, IReadOnlyList<double> Scores, IReadOnlyList<double> Thresholds,
        IReadOnlyList<Fault> Faults, IReadOnlyList<Alert> Alerts);

    /// <summary>A labelled fault interval and whether an alert found it; <see cref="EndMs"/> null when still open at the end of the data.</summary>
    public sealed record Fault(string Kind, string? Sensor, long StartMs, long? EndMs, bool Detected, double? DelayMinutes);

    /// <summary>An opened alert, marked at its window's end.</summary>
    public sealed record Alert(string AlertId, long TimeMs, double Score, string Severity, bool False);
}
