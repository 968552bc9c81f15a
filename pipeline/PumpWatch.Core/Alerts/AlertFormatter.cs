using System.Globalization;
using System.Text;
using System.Text.Json;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Alerts;

/// <summary>Renders an <see cref="Alert"/> as human text (email, console) and as JSON (files, webhooks, machine subscribers).</summary>
public static class AlertFormatter
{
    /// <summary>One-line subject, e.g. <c>[CRITICAL] pump 3 anomaly opened: score 0.712 &gt; 0.580</c>.</summary>
    public static string Subject(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.Kind == AlertEventKind.PumpSilent)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"[{alert.Severity.ToString().ToUpperInvariant()}] pump {alert.PumpId} silent: no reading since {EventTime.Format(alert.WindowStart)}");
        }

        if (alert.Kind == AlertEventKind.PumpResumed)
        {
            return string.Create(CultureInfo.InvariantCulture, $"[RESOLVED] pump {alert.PumpId} reporting again at {EventTime.Format(alert.WindowEnd)}");
        }

        var verb = alert.Kind switch
        {
            AlertEventKind.Opened => "anomaly",
            AlertEventKind.Escalated => "anomaly escalated",
            _ => "back to normal",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"[{(alert.Kind == AlertEventKind.Resolved ? "RESOLVED" : alert.Severity.ToString().ToUpperInvariant())}] pump {alert.PumpId} {verb}: score {alert.Score:0.000} {(alert.Score > alert.Threshold ? ">" : "<=")} threshold {alert.Threshold:0.000}");
    }

    /// <summary>Subject, window, model, top features against baseline, and the vibration-zone context.</summary>
    public static string ToText(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(Subject(alert));
        if (alert.Kind.IsSilence())
        {
            text.Append(c, $"  silent from {EventTime.Format(alert.WindowStart)} to {EventTime.Format(alert.WindowEnd)}, alert {alert.AlertId}").AppendLine();
            if (alert.Context is { Length: > 0 } silence)
            {
                text.Append("  ").AppendLine(silence);
            }

            return text.ToString();
        }

        text.Append(c, $"  window {EventTime.Format(alert.WindowStart)} .. {EventTime.Format(alert.WindowEnd)}, model {alert.ModelId}, alert {alert.AlertId}").AppendLine();
        foreach (var f in alert.TopFeatures)
        {
            var unit = f.Unit.Length > 0 ? " " + f.Unit : "";
            text.Append(c, $"  - {Describe(f.Feature)} {Number(f.Value)}{unit} vs baseline {Number(f.BaselineMean)} +/- {Number(f.BaselineStd)}{unit} ({f.Weight:0%} of the evidence");
            if (f.DeviationsBeyondTraining >= 1)
            {
                text.Append(c, $", {f.DeviationsBeyondTraining:0.0} sd beyond anything in training");
            }

            text.Append(')').AppendLine();
        }

        if (alert.Context is { Length: > 0 } context)
        {
            text.Append("  ").AppendLine(context);
        }

        if (alert.Hint is { Length: > 0 } hint)
        {
            text.Append("  ").AppendLine(hint);
        }

        return text.ToString();
    }

    public static string ToJson(Alert alert) => JsonSerializer.Serialize(AlertJson.From(alert), AlertJsonContext.Default.AlertJson);

    /// <summary><c>vibration.mean</c> reads as <c>vibration mean</c>.</summary>
    public static string Describe(string feature) => feature.Replace('.', ' ').Replace('_', ' ');

    private static string Number(double value) =>
        double.IsNaN(value) ? "n/a" : value.ToString(Math.Abs(value) >= 100 ? "0.0" : Math.Abs(value) >= 1 ? "0.00" : "0.000", CultureInfo.InvariantCulture);
}
