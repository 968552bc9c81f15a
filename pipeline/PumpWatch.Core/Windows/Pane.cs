namespace PumpWatch.Core.Windows;

/// <summary>An open slice of event time for one pump: its aggregate and the timestamps seen (for duplicates).</summary>
internal sealed class Pane
{
    public WindowAggregate Aggregate { get; } = new();

    public TimestampSet Timestamps { get; } = new();

    public long Start => Aggregate.Start;

    public long End => Aggregate.End;

    /// <summary>True when the bounds are a host's arrival window (<see cref="ArrivalWindow"/>), not event time.</summary>
    public bool ByArrival { get; private set; }

    public void Reset(string pumpId, long start, long end, bool byArrival = false)
    {
        Aggregate.Reset(pumpId, start, end);
        Timestamps.Clear();
        ByArrival = byArrival;
    }
}
