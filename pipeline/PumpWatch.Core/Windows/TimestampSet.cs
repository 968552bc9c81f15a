namespace PumpWatch.Core.Windows;

/// <summary>
/// The distinct timestamps of one open pane, kept sorted in one array that the pane keeps when it is reused, for the
/// duplicate check on every reading.
/// </summary>
/// <remarks>
/// Replaces a <c>HashSet&lt;long&gt;</c>, which hashed every reading twice (look-up, then add) and grew a new table for
/// every fresh pane. A pump's readings arrive almost always in time order, so the common case is a comparison with the
/// newest time and an append; a reading behind it costs a binary search and, when new, a shift of the later times
/// (bounded by the pane's readings: at 1 Hz at most 900 for the longest tumbling window). Exactly the set semantics of
/// the hash set: a time is in the set once it was added, until <see cref="Clear"/>. Sorted storage also gives the state
/// codec its sorted times without a sort.
/// </remarks>
internal sealed class TimestampSet
{
    private long[] _times = [];

    public int Count { get; private set; }

    /// <summary>The times in ascending order (valid until the next change).</summary>
    public ReadOnlySpan<long> Sorted => _times.AsSpan(0, Count);

    public bool Contains(long t)
    {
        var count = Count;
        if (count == 0 || t > _times[count - 1])
        {
            return false;
        }

        return t == _times[count - 1] || _times.AsSpan(0, count - 1).BinarySearch(t) >= 0;
    }

    /// <summary>Adds <paramref name="t"/>; false when it was already there.</summary>
    public bool Add(long t)
    {
        var count = Count;
        if (count == 0 || t > _times[count - 1])
        {
            Reserve(count + 1);
            _times[count] = t;
            Count = count + 1;
            return true;
        }

        var at = _times.AsSpan(0, count).BinarySearch(t);
        if (at >= 0)
        {
            return false;
        }

        at = ~at;
        Reserve(count + 1);
        _times.AsSpan(at, count - at).CopyTo(_times.AsSpan(at + 1));
        _times[at] = t;
        Count = count + 1;
        return true;
    }

    /// <summary>Empties the set and keeps its array for the pane's next use.</summary>
    public void Clear() => Count = 0;

    private void Reserve(int needed)
    {
        if (needed > _times.Length)
        {
            // 64 covers a minute at 1 Hz; doubling keeps growth amortised O(1) per reading.
            Array.Resize(ref _times, Math.Max(64, Math.Max(needed, _times.Length * 2)));
        }
    }
}
