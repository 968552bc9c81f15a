namespace PumpWatch.Core.Windows;

/// <summary>
/// A window chosen by the host instead of event time: every reading that arrives while it is set joins it, whatever
/// its timestamp, and it closes only when the host says so. A Lambda's Kinesis tumbling window is one (bounds from the
/// records' arrival times, closed on the final invoke). Bounds in microseconds since the epoch, end exclusive.
/// </summary>
public readonly record struct ArrivalWindow
{
    public ArrivalWindow(long start, long end)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(end, start);
        Start = start;
        End = end;
    }

    public long Start { get; }

    public long End { get; }
}
