namespace PumpWatch.Core.Windows;

/// <summary>An open slice of event time for one pump: its aggregate and the timestamps seen (for duplicates).</summary>
internal sealed class Pane
{
    public WindowAggregate Aggregate { get; } = new();

    public HashSet<long> Timestamps { get; } = [];

    public long Start => Aggregate.Start;

    public long End => Aggregate.End;

    public void Reset(string pumpId, long start, long end)
    {
        Aggregate.Reset(pumpId, start, end);
        Timestamps.Clear();
    }
}
