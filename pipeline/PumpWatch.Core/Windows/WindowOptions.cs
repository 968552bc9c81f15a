namespace PumpWatch.Core.Windows;

/// <summary>
/// Event-time windows per pump: tumbling (hop = size), hopping (size a multiple of hop), or trailing
/// (a window of <see cref="Size"/> ending at every reading, for per-reading scores in backtests).
/// Readings up to <see cref="AllowedLateness"/> behind the newest reading of their pump are still merged.
/// </summary>
public sealed record WindowOptions
{
    private WindowOptions(TimeSpan size, TimeSpan hop, bool perReading, TimeSpan lateness)
    {
        if (size <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "window size must be positive");
        }

        if (!perReading && (hop <= TimeSpan.Zero || hop > size || size.Ticks % hop.Ticks != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(hop), hop, "hop must be positive, at most the size, and divide the size");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(lateness, TimeSpan.Zero);
        Size = size;
        Hop = hop;
        PerReading = perReading;
        AllowedLateness = lateness;
    }

    public TimeSpan Size { get; }

    /// <summary>Distance between window ends; <see cref="TimeSpan.Zero"/> when <see cref="PerReading"/>.</summary>
    public TimeSpan Hop { get; }

    /// <summary>True when a window ends at every reading.</summary>
    public bool PerReading { get; }

    public TimeSpan AllowedLateness { get; }

    public bool IsTumbling => !PerReading && Hop == Size;

    public long SizeMicros => (long)Size.TotalMicroseconds;

    public long LatenessMicros => (long)AllowedLateness.TotalMicroseconds;

    /// <summary>Width of the panes that readings are aggregated into before windows are assembled.</summary>
    public long PaneMicros => PerReading ? 1 : (long)Hop.TotalMicroseconds;

    public static WindowOptions Tumbling(TimeSpan size, TimeSpan allowedLateness = default) => new(size, size, false, allowedLateness);

    public static WindowOptions Hopping(TimeSpan size, TimeSpan hop, TimeSpan allowedLateness = default) => new(size, hop, false, allowedLateness);

    public static WindowOptions Trailing(TimeSpan size, TimeSpan allowedLateness = default) => new(size, TimeSpan.Zero, true, allowedLateness);

    public override string ToString() =>
        PerReading ? $"trailing {Size} per reading" : IsTumbling ? $"tumbling {Size}" : $"hopping {Size} every {Hop}";
}
