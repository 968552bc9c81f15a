using System.Globalization;
using PumpWatch.Aws.Sns.Model;
using PumpWatch.Core.Alerts;

namespace PumpWatch.Aws.Sns;

/// <summary>
/// The message attributes an alert carries on SNS, so that subscription filter policies can pick by pump, site,
/// severity, event and score: <c>pump_id</c>, <c>site</c>, <c>severity</c>, <c>event</c>, <c>model_id</c> (String) and
/// <c>anomaly_score</c> (Number). SNS refuses empty attribute values, so an unknown site or model is left out, and so is the
/// score of a silence event (it has none: NaN is no SNS Number).
/// </summary>
internal static class SnsAlertAttributes
{
    public static IReadOnlyDictionary<string, MessageAttributeValue> For(Alert alert, string? site)
    {
        var attributes = new SortedDictionary<string, MessageAttributeValue>(StringComparer.Ordinal)
        {
            ["pump_id"] = MessageAttributeValue.String(alert.PumpId),
            ["severity"] = MessageAttributeValue.String(alert.Severity.ToString().ToLowerInvariant()),
            ["event"] = MessageAttributeValue.String(alert.Kind.Code()),
        };
        if (!string.IsNullOrEmpty(site))
        {
            attributes["site"] = MessageAttributeValue.String(site);
        }

        if (!string.IsNullOrEmpty(alert.ModelId))
        {
            attributes["model_id"] = MessageAttributeValue.String(alert.ModelId);
        }

        if (double.IsFinite(alert.Score))
        {
            // Plain decimal digits (no exponent): scores lie in [0, 1] and filter policies compare them numerically.
            attributes["anomaly_score"] = MessageAttributeValue.Number(alert.Score.ToString("0.######", CultureInfo.InvariantCulture));
        }

        return attributes;
    }
}
