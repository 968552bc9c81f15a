namespace PumpWatch.Aws.Tests.LocalServers;

/// <summary>A test against a local server from npm: skipped with one line when it is not installed here, never skipped in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public abstract class LocalServerFactAttribute : FactAttribute
{
    protected LocalServerFactAttribute(string package)
    {
        Skip = TestServers.SkipReasonFor(package)!;
    }
}
