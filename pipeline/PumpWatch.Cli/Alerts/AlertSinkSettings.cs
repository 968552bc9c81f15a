namespace PumpWatch.Cli.Alerts;

/// <summary>
/// The alert-delivery flags of one run: extra sinks (<c>--alert-sink</c>, in the order given), the site name sent with
/// SNS alerts (<c>--alert-site</c>), and an AWS endpoint override for local servers (<c>--aws-endpoint</c>).
/// </summary>
internal sealed record AlertSinkSettings(IReadOnlyList<AlertSinkSpec> Sinks, string? Site, string? AwsEndpoint)
{
    public static AlertSinkSettings None { get; } = new([], null, null);
}
