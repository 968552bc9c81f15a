namespace PumpWatch.Core.Evaluation;

/// <summary>
/// Event-level result of a run against its labelled faults: each fault's outcome, the opened alerts that overlap no
/// fault of their pump (false alerts), and the medians and rates built from them, overall and per fault kind.
/// </summary>
public sealed record DetectionReport(IReadOnlyList<FaultOutcome> Faults, IReadOnlyList<OpenedAlert> FalseAlerts, int Alerts, double PumpDays)
{
    public int Detected => Faults.Count(f => f.Detected);

    /// <summary>Median of the detected faults' delays in minutes; null when none was detected.</summary>
    public double? MedianDelayMinutes => Median.Of(Faults.Select(f => f.DelayMinutes));

    /// <summary>Median of the detected faults' lead times in minutes (open-ended faults have none); null when there is none.</summary>
    public double? MedianLeadMinutes => Median.Of(Faults.Select(f => f.LeadMinutes));

    /// <summary>False alerts per pump-day of data; NaN without data.</summary>
    public double FalseAlertsPerPumpDay => PumpDays > 0 ? FalseAlerts.Count / PumpDays : double.NaN;

    /// <summary>One row per fault kind and onset (abrupt, gradual, unknown), ordered by kind then onset.</summary>
    public IReadOnlyList<FaultKindSummary> ByKind() => Faults
        .GroupBy(f => (f.Fault.Kind, f.Fault.Onset))
        .OrderBy(g => g.Key.Kind, StringComparer.Ordinal).ThenBy(g => g.Key.Onset, StringComparer.Ordinal)
        .Select(g => FaultKindSummary.Of(g.Key.Kind, g.Key.Onset, g))
        .ToList();

    /// <summary>Total rows: every kind by onset (kind <c>all</c>, only the onsets present), then everything (kind and onset <c>all</c>).</summary>
    public IReadOnlyList<FaultKindSummary> Totals() =>
    [
        .. Faults.GroupBy(f => f.Fault.Onset).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => FaultKindSummary.Of("all", g.Key, g)),
        FaultKindSummary.Of("all", "all", Faults),
    ];

    /// <summary>Several runs judged as one (seeds of a scenario): their faults and false alerts together, alerts and pump-days summed.</summary>
    public static DetectionReport Combine(IEnumerable<DetectionReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var list = reports.ToList();
        return new DetectionReport([.. list.SelectMany(r => r.Faults)], [.. list.SelectMany(r => r.FalseAlerts)], list.Sum(r => r.Alerts), list.Sum(r => r.PumpDays));
    }
}
