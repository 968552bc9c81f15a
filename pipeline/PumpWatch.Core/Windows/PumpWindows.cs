namespace PumpWatch.Core.Windows;

/// <summary>Window state of one pump: open panes (sorted by start), the newest event time, what has closed, the sliding window, its sampling interval and silence.</summary>
internal sealed class PumpWindows(string pumpId)
{
    public string PumpId { get; private set; } = pumpId;

    public List<Pane> Open { get; } = [];

    /// <summary>Newest accepted event time; <see cref="long.MinValue"/> before the first reading.</summary>
    public long MaxSeen { get; set; } = long.MinValue;

    /// <summary>End of the newest window closed for this pump (by its own readings or the stream's watermark); readings before it are late.</summary>
    public long ClosedThrough { get; set; } = long.MinValue;

    /// <summary>The stream's event time when this pump's newest reading was accepted: how far the stream has moved on without it.</summary>
    public long StreamTimeAtLast { get; set; } = long.MinValue;

    public SlidingWindow Sliding { get; } = new();

    /// <summary>The pump's typical time between readings, for a window's expected reading count.</summary>
    public SamplingInterval Interval { get; } = new();

    /// <summary>
    /// While the pump is reported silent, its newest reading before the silence (the episode's id); otherwise
    /// <see cref="long.MinValue"/>. Part of the state, so that a later invocation neither repeats the silence event nor
    /// misses the resume.
    /// </summary>
    public long SilentSince { get; set; } = long.MinValue;

    /// <summary>Empties this state for another pump (the windower reuses it); the caller takes the open panes first.</summary>
    public void Reset(string pumpId)
    {
        PumpId = pumpId;
        Open.Clear();
        MaxSeen = long.MinValue;
        ClosedThrough = long.MinValue;
        StreamTimeAtLast = long.MinValue;
        Sliding.Clear();
        Interval.Clear();
        SilentSince = long.MinValue;
    }

    public Pane? Find(long paneStart)
    {
        for (var i = Open.Count - 1; i >= 0; i--)
        {
            if (Open[i].Start == paneStart)
            {
                return Open[i];
            }

            if (Open[i].Start < paneStart)
            {
                return null;
            }
        }

        return null;
    }

    public void Insert(Pane pane)
    {
        var i = Open.Count;
        while (i > 0 && Open[i - 1].Start > pane.Start)
        {
            i--;
        }

        Open.Insert(i, pane);
    }
}
