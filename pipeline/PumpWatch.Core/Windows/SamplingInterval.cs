namespace PumpWatch.Core.Windows;

/// <summary>
/// A pump's typical time between readings: the median of its last <see cref="Size"/> gaps between in-order readings.
/// The median ignores the odd long gap (an outage) and the odd short one (jitter), so a window's expected reading
/// count (size / interval) follows the pump's own rate, whatever that rate is.
/// </summary>
internal sealed class SamplingInterval
{
    public const int Size = 15;

    private readonly long[] _gaps = new long[Size];
    private int _count;
    private int _next;

    public void Add(long gapMicros)
    {
        _gaps[_next] = gapMicros;
        _next = (_next + 1) % Size;
        _count = Math.Min(_count + 1, Size);
    }

    /// <summary>The median gap in microseconds; 0 before the second reading.</summary>
    public long Median()
    {
        if (_count == 0)
        {
            return 0;
        }

        Span<long> sorted = stackalloc long[Size];
        _gaps.AsSpan(0, _count).CopyTo(sorted);
        sorted = sorted[.._count];
        sorted.Sort();
        return _count % 2 == 1 ? sorted[_count / 2] : (sorted[(_count / 2) - 1] + sorted[_count / 2]) / 2;
    }

    /// <summary>How many gaps are held (at most <see cref="Size"/>).</summary>
    public int Count => _count;

    /// <summary>The <paramref name="i"/>-th gap held, oldest first: adding them in this order to an empty instance restores it.</summary>
    public long Gap(int i) => _gaps[((_count < Size ? 0 : _next) + i) % Size];

    public void Clear() => (_count, _next) = (0, 0);
}
