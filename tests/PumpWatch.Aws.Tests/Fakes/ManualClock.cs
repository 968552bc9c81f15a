namespace PumpWatch.Aws.Tests.Fakes;

/// <summary>A clock that stands still until a test moves it; timers and timestamps stay the system's, so attempt timeouts still work.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
