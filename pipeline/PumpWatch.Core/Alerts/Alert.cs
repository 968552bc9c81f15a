using PumpWatch.Core.Forest;

namespace PumpWatch.Core.Alerts;

/// <summary>
/// An alert event with everything a person or a subscriber filter needs: pump, window, score against threshold,
/// severity, model, the top contributing features against their training baseline, a context line (the ISO 10816
/// vibration zone), and a hint at the likely cause (<see cref="LikelyCause"/>).
/// </summary>
public sealed record Alert(
    string AlertId,
    AlertEventKind Kind,
    string PumpId,
    AlertSeverity Severity,
    long WindowStart,
    long WindowEnd,
    double Score,
    double Threshold,
    string ModelId,
    IReadOnlyList<FeatureContribution> TopFeatures,
    string? Context,
    string? Hint = null)
{
    /// <summary>Stable id of the alert episode: the pump and the end of the window that opened it.</summary>
    public static string IdFor(string pumpId, long openedAt) => $"{pumpId}@{Readings.EventTime.Format(openedAt)}";

    /// <summary>Stable id of a silence episode: the pump and its last reading before it went silent.</summary>
    public static string SilenceIdFor(string pumpId, long lastReading) => $"{pumpId}@{Readings.EventTime.Format(lastReading)}/silent";
}
