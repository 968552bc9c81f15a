namespace PumpWatch.Cli.Alerts;

/// <summary>The kinds of place <c>--alert-sink</c> can send alerts to.</summary>
internal enum AlertSinkKind
{
    Console,
    JsonLines,
    Webhook,
    Sns,
}
