using System.Globalization;
using System.Text;
using System.Text.Json;
using PumpWatch.Aws.Sns.Model;
using PumpWatch.Core.Alerts;

namespace PumpWatch.Aws.Sns;

/// <summary>
/// An alert as one SNS Publish within SNS's limits. The message has a form per subscriber protocol
/// (MessageStructure <c>json</c>): the alert's text for email and as the default, its JSON for machine subscribers
/// (sqs, lambda, http, https, email-json), the subject line for sms. The subject is made SNS-safe (see
/// <see cref="Subject"/>). When the whole would pass 262,144 bytes, the least contributing features are left out, as
/// few as needed, and the text says how many; an alert that is too large even without features is not sent.
/// </summary>
internal static class SnsAlertMessage
{
    private const string Ellipsis = "...";

    /// <summary>The Publish for <paramref name="alert"/>, or the reason it cannot be one.</summary>
    public static (PublishRequest? Request, int FeaturesLeftOut, string? Problem) Build(Alert alert, string topicArn, string? site)
    {
        var subject = Subject(alert);
        var attributes = SnsAlertAttributes.For(alert, site);
        var all = alert.TopFeatures.Count;
        var full = Request(alert, all, subject, attributes, topicArn);
        if (Fits(full))
        {
            return (full, 0, null);
        }

        // The size grows with the features kept: the largest count that fits, by bisection over [0, all).
        int lo = 0, hi = all - 1;
        PublishRequest? best = null;
        var kept = -1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var candidate = Request(alert, mid, subject, attributes, topicArn);
            if (Fits(candidate))
            {
                (best, kept, lo) = (candidate, mid, mid + 1);
            }
            else
            {
                hi = mid - 1;
            }
        }

        return best is null
            ? (null, all, string.Create(CultureInfo.InvariantCulture,
                $"the alert is {SnsPublishRules.PayloadBytes(Request(alert, 0, subject, attributes, topicArn)):N0} bytes even without its features; SNS takes at most {SnsPublishRules.MaxPayloadBytes:N0}"))
            : (best, all - kept, null);
    }

    /// <summary>
    /// <see cref="AlertFormatter.Subject"/> made safe for SNS: every character outside printable ASCII becomes '?',
    /// leading spaces go, and a subject longer than 99 characters is cut to 96 and ends in "...".
    /// </summary>
    public static string Subject(Alert alert)
    {
        var text = AlertFormatter.Subject(alert);
        var safe = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            safe.Append(SnsPublishRules.IsPrintableAscii(c) ? c : '?');
        }

        var subject = safe.ToString().TrimStart(' ');
        if (subject.Length > SnsPublishRules.MaxSubjectLength)
        {
            subject = subject[..(SnsPublishRules.MaxSubjectLength - Ellipsis.Length)].TrimEnd(' ') + Ellipsis;
        }

        return subject.Length == 0 ? "PumpWatch alert" : subject;
    }

    private static bool Fits(PublishRequest request) => SnsPublishRules.PayloadBytes(request) <= SnsPublishRules.MaxPayloadBytes;

    private static PublishRequest Request(Alert alert, int keep, string subject, IReadOnlyDictionary<string, MessageAttributeValue> attributes, string topicArn)
    {
        var leftOut = alert.TopFeatures.Count - keep;
        var shown = leftOut == 0 ? alert : alert with { TopFeatures = alert.TopFeatures.Take(keep).ToList() };
        var text = AlertFormatter.ToText(shown);
        if (leftOut > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture,
                $"  ({leftOut} less contributing feature{(leftOut == 1 ? "" : "s")} left out: an SNS message is at most {SnsPublishRules.MaxPayloadBytes:N0} bytes)\n");
        }

        var json = AlertFormatter.ToJson(shown);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("default", text);
            writer.WriteString("email", text);
            foreach (var protocol in new[] { "email-json", "sqs", "lambda", "http", "https" })
            {
                writer.WriteString(protocol, json);
            }

            writer.WriteString("sms", subject);
            writer.WriteEndObject();
        }

        return new PublishRequest(Encoding.UTF8.GetString(buffer.ToArray()))
        {
            TopicArn = topicArn,
            Subject = subject,
            MessageStructure = "json",
            MessageAttributes = attributes,
        };
    }
}
