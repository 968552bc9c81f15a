namespace PumpWatch.Lambda.Tests.Runtime;

/// <summary>The system clock moved by a fixed amount (timers still run on the system's), to show which clock the loop reads.</summary>
internal sealed class ShiftedClock(TimeSpan shift) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
}
