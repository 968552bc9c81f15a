using System.Globalization;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Evaluation;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Backtest;

/// <summary>
/// Writes a backtest's predictions as the pipeline produces them and keeps only counts, the opened alerts and each
/// pump's time span, so memory stays flat however long the replay. The alerts themselves go to alerts.jsonl through the
/// run's alert sinks.
/// </summary>
/// <remarks>
/// With one window per reading (<paramref name="perReading"/>) a prediction is that reading's: its time is the
/// reading's timestamp and its label whether the reading itself lies in a labelled interval. Otherwise a prediction is
/// a window's: its time is the window's end and it is labelled when any labelled interval overlaps the window.
/// Partial windows (too few readings to score) make no prediction.
/// </remarks>
internal sealed class BacktestRecorder(TextWriter predictions, Func<string, long, long, bool> isLabelled, Func<string, long, long, bool> inTraining, bool perReading) : DetectionSink
{
    private readonly Dictionary<string, (long First, long Last)> _span = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Start, long End)> _scored = new(StringComparer.Ordinal);

    private long _tp, _fp, _fn, _tn;

    /// <summary>Scored windows outside training against their labels.</summary>
    public WindowConfusion Confusion => new(_tp, _fp, _fn, _tn);

    /// <summary>Opened alerts outside training.</summary>
    public List<OpenedAlert> Opened { get; } = [];

    /// <summary>Just after the newest reading of any pump: the end of the data.</summary>
    public long DataEnd => _span.Count == 0 ? long.MinValue : _span.Values.Max(s => s.Last) + 1;

    /// <summary>Sum over pumps of the time between their first and last reading, in days.</summary>
    public double PumpDays => _span.Values.Sum(s => (s.Last - s.First) / 86_400e6);

    /// <summary>Pump ids seen in the data, in order of their first reading.</summary>
    public IReadOnlyList<string> PumpIds => _span.Keys.ToList();

    public bool HasPump(string pumpId) => _span.ContainsKey(pumpId);

    /// <summary>Whether [start, end) overlaps the span of <paramref name="pumpId"/>'s scored windows (outside training).</summary>
    public bool ScoredOverlaps(string pumpId, long start, long end) =>
        _scored.TryGetValue(pumpId, out var span) && span.Start < end && start < span.End;

    /// <summary>The columns, named as in scores.csv: per reading its time, per window its bounds and reading count.</summary>
    public void WriteHeader() => predictions.WriteLine(perReading
        ? "pump_id,time,anomaly_score,threshold,predicted,label"
        : "pump_id,window_start,window_end,readings,anomaly_score,threshold,predicted,label");

    public override void OnReading(ParsedReading reading)
    {
        ref var span = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_span, reading.PumpId, out var existed);
        span = existed ? (Math.Min(span.First, reading.Timestamp), Math.Max(span.Last, reading.Timestamp)) : (reading.Timestamp, reading.Timestamp);
    }

    public override void OnWindow(ScoredWindow w)
    {
        if (inTraining(w.PumpId, w.Start, w.End))
        {
            return;
        }

        if (!w.Complete)
        {
            return;
        }

        // A trailing window ends 1 us after its reading: the reading's own instant is [End - 1, End).
        var (from, time) = perReading ? (w.End - 1, w.End - 1) : (w.Start, w.End);
        ref var scored = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_scored, w.PumpId, out var seen);
        scored = seen ? (Math.Min(scored.Start, w.Start), Math.Max(scored.End, w.End)) : (w.Start, w.End);
        var label = isLabelled(w.PumpId, from, w.End);
        var predicted = w.Exceeds;
        switch ((predicted, label))
        {
            case (true, true): _tp++; break;
            case (true, false): _fp++; break;
            case (false, true): _fn++; break;
            default: _tn++; break;
        }

        var c = CultureInfo.InvariantCulture;
        predictions.WriteLine(perReading
            ? string.Create(c, $"{CsvText.Cell(w.PumpId)},{EventTime.Format(time)},{w.Score:R},{w.Threshold:R},{(predicted ? 1 : 0)},{(label ? 1 : 0)}")
            : string.Create(c, $"{CsvText.Cell(w.PumpId)},{EventTime.Format(w.Start)},{EventTime.Format(w.End)},{w.Count},{w.Score:R},{w.Threshold:R},{(predicted ? 1 : 0)},{(label ? 1 : 0)}"));
    }

    public override void OnAlert(Alert alert)
    {
        if (alert.Kind == AlertEventKind.Opened && !inTraining(alert.PumpId, alert.WindowStart, alert.WindowEnd))
        {
            Opened.Add(new OpenedAlert(alert.AlertId, alert.PumpId, alert.WindowStart, alert.WindowEnd, alert.Score, alert.Severity.ToString().ToLowerInvariant()));
        }
    }
}
