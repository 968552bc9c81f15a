namespace PumpWatch.Aws.Tests.Fakes;

/// <summary>A clock that always reads the instant it was given.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
