using System.Text.Json.Serialization;

namespace PumpWatch.Cli.Backtest;

/// <summary>
/// Backtest results. Point-wise over scored windows: precision, recall, F1, false-alarm rate FP/(FP+TN), missed-alarm
/// rate FN/(FN+TP). Event-level over label intervals: detected when an opened alert's window overlaps the interval;
/// delay = first alert window end - interval start; lead = interval end - first alert window end (time left to act);
/// false alerts are opened alerts overlapping no interval of their pump, per pump-day of data.
/// </summary>
internal sealed record BacktestMetrics(
    long Windows, long TruePositives, long FalsePositives, long FalseNegatives, long TrueNegatives,
    double Precision, double Recall, double F1, double FalseAlarmRate, double MissedAlarmRate,
    int Events, int EventsDetected, double? MedianDetectionDelayMinutes, double? MedianLeadTimeMinutes,
    int Alerts, int FalseAlerts, double PumpDays, double FalseAlertsPerPumpDay)
{
    public static BacktestMetrics Compute(long tp, long fp, long fn, long tn, LabelIntervals labels, IReadOnlyList<(string Pump, long Start, long End)> openedAlerts, double pumpDays)
    {
        static double Ratio(double a, double b) => b == 0 ? double.NaN : a / b;
        var precision = Ratio(tp, tp + fp);
        var recall = Ratio(tp, tp + fn);
        var f1 = Ratio(2 * precision * recall, precision + recall);

        var delays = new List<double>();
        var leads = new List<double>();
        var detected = 0;
        foreach (var (pump, start, end) in labels.All)
        {
            var first = openedAlerts.Where(a => a.Pump == pump && a.Start < end && start < a.End).Select(a => a.End).DefaultIfEmpty(long.MinValue).Min();
            if (first == long.MinValue)
            {
                continue;
            }

            detected++;
            delays.Add((first - start) / 60e6);
            leads.Add((end - first) / 60e6);
        }

        var falseAlerts = openedAlerts.Count(a => !labels.Overlaps(a.Pump, a.Start, a.End));
        return new BacktestMetrics(tp + fp + fn + tn, tp, fp, fn, tn, precision, recall, f1, Ratio(fp, fp + tn), Ratio(fn, fn + tp),
            labels.Count, detected, Median(delays), Median(leads), openedAlerts.Count, falseAlerts, pumpDays, pumpDays > 0 ? falseAlerts / pumpDays : double.NaN);
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BacktestMetrics))]
internal sealed partial class BacktestJsonContext : JsonSerializerContext;
