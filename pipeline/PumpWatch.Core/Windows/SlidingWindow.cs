using System.Diagnostics;

namespace PumpWatch.Core.Windows;

/// <summary>
/// The closed panes of one pump that a hopping or trailing window still covers, aggregated with the
/// two-stacks method: amortised O(1) merges per pane and no inverse operation, which the moments and
/// min/max do not have. Holds copies of the panes pushed, from its own pool.
/// </summary>
internal sealed class SlidingWindow
{
    // Newest panes, oldest first, with the running merge of all of them.
    private readonly List<WindowAggregate> _back = [];
    private readonly WindowAggregate _backSum = new();

    // Older panes, newest at index 0 and oldest on top (end of list); each entry's
    // suffix holds the merge of that pane and every newer pane in this stack.
    private readonly List<(WindowAggregate Pane, WindowAggregate Suffix)> _front = [];
    private readonly Stack<WindowAggregate> _spare = new();

    public int Count => _back.Count + _front.Count;

    public void Push(WindowAggregate pane)
    {
        var copy = Rent();
        copy.Reset(pane.PumpId, pane.Start, pane.End);
        copy.Merge(pane);
        _back.Add(copy);
        _backSum.Merge(pane);
    }

    /// <summary>Removes panes that start before <paramref name="start"/>.</summary>
    public void EvictBefore(long start)
    {
        while (Count > 0)
        {
            if (_front.Count == 0)
            {
                Flip();
            }

            var (pane, suffix) = _front[^1];
            if (pane.Start >= start)
            {
                return;
            }

            _front.RemoveAt(_front.Count - 1);
            _spare.Push(pane);
            _spare.Push(suffix);
        }
    }

    /// <summary>Writes the merge of every pane in the window into <paramref name="into"/> (sensors and count).</summary>
    public void Aggregate(WindowAggregate into)
    {
        into.CopyFrom(_backSum);
        if (_front.Count > 0)
        {
            into.Merge(_front[^1].Suffix);
        }
    }

    /// <summary>The panes held, oldest first.</summary>
    public IEnumerable<WindowAggregate> Panes()
    {
        for (var i = _front.Count - 1; i >= 0; i--)
        {
            yield return _front[i].Pane;
        }

        foreach (var pane in _back)
        {
            yield return pane;
        }
    }

    public void Clear()
    {
        foreach (var (pane, suffix) in _front)
        {
            _spare.Push(pane);
            _spare.Push(suffix);
        }

        foreach (var pane in _back)
        {
            _spare.Push(pane);
        }

        _front.Clear();
        _back.Clear();
        _backSum.Reset("", 0, 0);
    }

    private void Flip()
    {
        Debug.Assert(_front.Count == 0, "flip only when the front stack is empty");
        WindowAggregate? newer = null;
        for (var i = _back.Count - 1; i >= 0; i--)
        {
            var suffix = Rent();
            suffix.Reset(_back[i].PumpId, _back[i].Start, _back[i].End);
            suffix.Merge(_back[i]);
            if (newer is not null)
            {
                suffix.Merge(newer);
            }

            _front.Add((_back[i], suffix));
            newer = suffix;
        }

        _back.Clear();
        _backSum.Reset("", 0, 0);
    }

    private WindowAggregate Rent() => _spare.Count > 0 ? _spare.Pop() : new WindowAggregate();
}
