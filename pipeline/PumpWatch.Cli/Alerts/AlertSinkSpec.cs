namespace PumpWatch.Cli.Alerts;

/// <summary>
/// One <c>--alert-sink</c> value: <c>console</c>, <c>jsonl:PATH</c>, <c>webhook:URL</c> (http or https) or
/// <c>sns:TOPIC_ARN</c> (<c>arn:PARTITION:sns:REGION:ACCOUNT:NAME</c>). Parsing only reads the text; opening files and
/// reaching services is <see cref="AlertSinkFactory"/>'s.
/// </summary>
internal readonly record struct AlertSinkSpec(AlertSinkKind Kind, string Target)
{
    public const string AcceptedForms = "console, jsonl:PATH, webhook:URL (http or https) or sns:TOPIC_ARN (arn:aws:sns:REGION:ACCOUNT:NAME)";

    public static AlertSinkSpec Console { get; } = new(AlertSinkKind.Console, "");

    public static AlertSinkSpec JsonLines(string path) => new(AlertSinkKind.JsonLines, System.IO.Path.GetFullPath(path));

    /// <summary>The topic ARN's region (its fourth field), for an <see cref="AlertSinkKind.Sns"/> spec.</summary>
    public string TopicRegion => Kind == AlertSinkKind.Sns ? Target.Split(':')[3] : "";

    public static bool TryParse(ReadOnlySpan<char> text, out AlertSinkSpec spec)
    {
        spec = default;
        if (text.SequenceEqual("console"))
        {
            spec = Console;
            return true;
        }

        var colon = text.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        var target = text[(colon + 1)..].ToString();
        switch (text[..colon])
        {
            case "jsonl" when !string.IsNullOrWhiteSpace(target):
                spec = JsonLines(target);
                return true;
            case "webhook" when Uri.TryCreate(target, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps):
                spec = new AlertSinkSpec(AlertSinkKind.Webhook, url.AbsoluteUri);
                return true;
            case "sns" when IsTopicArn(target):
                spec = new AlertSinkSpec(AlertSinkKind.Sns, target);
                return true;
            default:
                return false;
        }
    }

    /// <summary><c>arn:PARTITION:sns:REGION:ACCOUNT:NAME</c> with every field present (ARN format, AWS General Reference).</summary>
    private static bool IsTopicArn(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 6 && parts[0] == "arn" && parts[2] == "sns" && Array.TrueForAll(parts, p => p.Length > 0);
    }

    public override string ToString() => Kind switch
    {
        AlertSinkKind.Console => "console",
        AlertSinkKind.JsonLines => "jsonl:" + Target,
        AlertSinkKind.Webhook => "webhook:" + Target,
        _ => "sns:" + Target,
    };
}
