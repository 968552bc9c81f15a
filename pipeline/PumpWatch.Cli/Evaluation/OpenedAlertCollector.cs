using PumpWatch.Core.Alerts;
using PumpWatch.Core.Evaluation;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Evaluation;

/// <summary>Keeps the opened alerts a run raises outside its training windows, and counts its scored windows.</summary>
internal sealed class OpenedAlertCollector(Func<string, long, bool> inTraining) : DetectionSink
{
    public List<OpenedAlert> Opened { get; } = [];

    public long ScoredWindows { get; private set; }

    /// <summary>Just after the newest reading of any pump.</summary>
    public long DataEnd { get; private set; } = long.MinValue;

    /// <summary>The oldest reading of any pump.</summary>
    public long DataStart { get; private set; } = long.MaxValue;

    public override void OnReading(ParsedReading reading)
    {
        DataStart = Math.Min(DataStart, reading.Timestamp);
        DataEnd = Math.Max(DataEnd, reading.Timestamp + 1);
    }

    public override void OnWindow(ScoredWindow window)
    {
        if (window.Complete && !double.IsNaN(window.Score) && !inTraining(window.PumpId, window.Start))
        {
            ScoredWindows++;
        }
    }

    public override void OnAlert(Alert alert)
    {
        if (alert.Kind == AlertEventKind.Opened && !inTraining(alert.PumpId, alert.WindowStart))
        {
            Opened.Add(new OpenedAlert(alert.AlertId, alert.PumpId, alert.WindowStart, alert.WindowEnd, alert.Score, alert.Severity.ToString().ToLowerInvariant(),
                string.Join(',', alert.TopFeatures.Select(f => f.Feature))));
        }
    }
}
