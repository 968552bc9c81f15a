using Amazon.Runtime;
using PumpWatch.Cli.Alerts;

namespace PumpWatch.Cli.Tests.Dashboard;

/// <summary>The alert-sink environment of an in-process demo that sends to the console only: no region, no endpoint, and
/// credentials that fail if anything asks for them.</summary>
internal static class NoAwsSinks
{
    public static AlertSinkEnvironment Environment { get; } = new(
        null, null, () => throw new InvalidOperationException("the dashboard tests' demo must not ask for AWS credentials"),
        new Random(1), TimeProvider.System);
}
