namespace PumpWatch.Core.Evaluation;

/// <summary>
/// Event-level result of a run against its labelled faults: each fault's outcome, the opened alerts that overlap no
/// fault of their pump (false alerts), and the medians and rates built from them.
/// </summary>
public sealed record DetectionReport(IReadOnlyList<FaultOutcome> Faults, IReadOnlyList<OpenedAlert> FalseAlerts, int Alerts, double PumpDays)
{
    public int Detected => Faults.Count(f => f.Detected);

    /// <summary>Median of the detected faults' delays in minutes; null when none was detected.</summary>
    public double? MedianDelayMinutes => Median(Faults.Select(f => f.DelayMinutes));

    /// <summary>Median of the detected faults' lead times in minutes (open-ended faults have none); null when there is none.</summary>
    public double? MedianLeadMinutes => Median(Faults.Select(f => f.LeadMinutes));

    /// <summary>False alerts per pump-day of data; NaN without data.</summary>
    public double FalseAlertsPerPumpDay => PumpDays > 0 ? FalseAlerts.Count / PumpDays : double.NaN;

    private static double? Median(IEnumerable<double?> values)
    {
        var sorted = values.OfType<double>().Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
