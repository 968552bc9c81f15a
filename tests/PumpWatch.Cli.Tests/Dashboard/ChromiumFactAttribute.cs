namespace PumpWatch.Cli.Tests.Dashboard;

/// <summary>
/// A test in a real browser, Debian's chromium at <see cref="BrowserSession.Chromium"/>: skipped with the reason when it
/// is absent, except under CI=true, where it must run (test.sh installs chromium when it runs as root).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute() => Skip =
        File.Exists(BrowserSession.Chromium) || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"needs Debian's chromium at {BrowserSession.Chromium} (apt-get install -y chromium; test.sh installs it when run as root)";
}
