using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Alerts;

/// <summary>The JSON form of an alert (snake_case, times as ISO-8601).</summary>
internal sealed record AlertJson(
    string AlertId, string Event, string PumpId, string Severity, string WindowStart, string WindowEnd,
    double Score, double Threshold, string ModelId, IReadOnlyList<AlertFeatureJson> TopFeatures, string? Context, string? Hint, string Text)
{
    public static AlertJson From(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new(alert.AlertId, alert.Kind.Code(), alert.PumpId, alert.Severity.ToString().ToLowerInvariant(),
            EventTime.Format(alert.WindowStart), EventTime.Format(alert.WindowEnd), alert.Score, alert.Threshold, alert.ModelId,
            alert.TopFeatures.Select(f => new AlertFeatureJson(f.Feature, f.Unit, f.Weight, f.Value, f.BaselineMean, f.BaselineStd, f.DeviationsBeyondTraining)).ToList(),
            alert.Context, alert.Hint, AlertFormatter.Subject(alert));
    }
}
