namespace PumpWatch.Simulator;

/// <summary>What a pump is asked to do at one instant: run or not, its speed set-point factor, and the site's ambient drift.</summary>
internal readonly record struct PumpDuty(bool Running, double Load, double AmbientShift)
{
    /// <summary>Running at its own daily cycle with no drift: the default schedule's pumps, always.</summary>
    public static PumpDuty Steady { get; } = new(true, 1.0, 0.0);
}
