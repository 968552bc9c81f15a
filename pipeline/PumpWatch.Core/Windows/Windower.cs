using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Windows;

/// <summary>
/// Assigns valid readings to per-pump event-time windows and emits each window when no acceptable reading
/// can still fall into it. The one implementation behind the streaming hosts and the batch path
/// (<see cref="SeriesWindows"/>): feed readings in any order, then <see cref="CloseAll"/>.
/// </summary>
/// <remarks>
/// Readings land in panes (the whole window when tumbling, one hop when hopping, one reading when trailing).
/// A reading is a duplicate when its pump already has a reading with that timestamp in an open pane or as
/// its newest; it is late when its timestamp is at or before the newest minus the allowed lateness, or before
/// the end of a window already closed. A pane closes once its end is at most newest - lateness + 1 microsecond,
/// i.e. no acceptable reading can still land in it.
/// <para>
/// A pump that stops sending would keep its last window open for ever, so the stream as a whole also closes
/// windows: <see cref="StreamTime"/> is the newest event time of any pump, and a pump the stream has moved on from
/// by more than the allowed lateness since its own newest reading (it is idle, not merely behind) has its windows
/// closed up to StreamTime - lateness + 1 as if it had sent a reading then. "Moved on since its newest reading"
/// is measured in stream time at arrival, not event time, so a file sorted by pump (each pump's history in turn,
/// every pump but the first behind the stream) closes nothing early: the pump being read is never idle.
/// </para>
/// Closed windows collect in <see cref="Closed"/> until <see cref="Release"/>.
/// </remarks>
public sealed class Windower
{
    private readonly WindowOptions _options;
    private readonly SensorCatalog _catalog;
    private readonly Dictionary<string, PumpWindows> _pumps = new(StringComparer.Ordinal);
    private readonly Stack<Pane> _panes = new();
    private readonly Stack<WindowAggregate> _windows = new();
    private readonly Stack<PumpWindows> _sparePumps = new();
    private readonly List<WindowAggregate> _closed = [];
    private readonly long _paneMicros;
    private long _nextIdleSweep = long.MinValue;

    /// <summary>How often, in stream event time, idle pumps are looked for: at most this late beyond the bound.</summary>
    private const long IdleSweepMicros = 1_000_000;

    public Windower(WindowOptions options, SensorCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        _options = options;
        _catalog = catalog;
        _paneMicros = options.PaneMicros;
    }

    public WindowOptions Options => _options;

    public SensorCatalog Catalog => _catalog;

    /// <summary>Windows closed since the last <see cref="Release"/>, in close order (per pump, by end).</summary>
    public IReadOnlyList<WindowAggregate> Closed => _closed;

    public int PumpCount => _pumps.Count;

    public IEnumerable<string> Pumps => _pumps.Keys;

    /// <summary>The pump's typical time between readings (median of its recent gaps) in microseconds; 0 before its second reading.</summary>
    public long SamplingIntervalMicros(string pumpId) => _pumps.TryGetValue(pumpId, out var pump) ? pump.Interval.Median() : 0;

    /// <summary>Newest accepted event time of any pump (<see cref="long.MinValue"/> before the first reading).</summary>
    public long StreamTime { get; private set; } = long.MinValue;

    /// <summary>
    /// The host's window that readings join while it is set (null: event-time windows, the default). Only with tumbling
    /// windows. Windows close only through <see cref="CloseAll"/>, or when a reading of a later arrival window comes for
    /// a pump whose earlier one is still open. After such a window closes, readings at or before the newest reading it
    /// held are late.
    /// </summary>
    public ArrivalWindow? Arrival
    {
        get => _arrival;
        set
        {
            if (value is not null && !_options.IsTumbling)
            {
                throw new InvalidOperationException($"arrival windows need tumbling windows, not {_options}");
            }

            _arrival = value;
        }
    }

    private ArrivalWindow? _arrival;

    /// <summary>Merges a valid reading into its pump's window, or reports it as duplicate or late.</summary>
    public WindowAdmission Add(ParsedReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var pump = Pump(reading.PumpId);
        var t = reading.Timestamp;
        long paneStart;
        Pane? pane;
        if (_arrival is { } arrival)
        {
            // A pane of an earlier arrival window still open (its final invoke never came): it is over now.
            while (pump.Open.Count > 0 && pump.Open[0].Start != arrival.Start)
            {
                CloseFirst(pump);
            }

            paneStart = arrival.Start;
            pane = pump.Open.Count > 0 ? pump.Open[0] : null;
        }
        else
        {
            paneStart = FloorTo(t, _paneMicros);
            pane = pump.Find(paneStart);
        }

        if ((pane is not null && pane.Timestamps.Contains(t)) || t == pump.MaxSeen)
        {
            return WindowAdmission.Duplicate;
        }

        if ((pump.MaxSeen != long.MinValue && t <= pump.MaxSeen - _options.LatenessMicros) || t < pump.ClosedThrough)
        {
            return WindowAdmission.Late;
        }

        if (pane is null)
        {
            pane = _panes.Count > 0 ? _panes.Pop() : new Pane();
            if (_arrival is { } host)
            {
                pane.Reset(pump.PumpId, host.Start, host.End, byArrival: true);
            }
            else
            {
                pane.Reset(pump.PumpId, paneStart, paneStart + _paneMicros);
            }

            pump.Insert(pane);
        }

        pane.Timestamps.Add(t);
        pane.Aggregate.Add(reading, _catalog.Count);
        if (t > StreamTime)
        {
            StreamTime = t;
        }

        pump.StreamTimeAtLast = StreamTime;
        if (t > pump.MaxSeen)
        {
            if (pump.MaxSeen != long.MinValue)
            {
                pump.Interval.Add(t - pump.MaxSeen);
            }

            pump.MaxSeen = t;
            if (_arrival is null)
            {
                CloseUpTo(pump, t - _options.LatenessMicros + 1);
            }
        }

        if (_arrival is null && StreamTime >= _nextIdleSweep)
        {
            CloseIdle();
            _nextIdleSweep = StreamTime + IdleSweepMicros;
        }

        return WindowAdmission.Accepted;
    }

    /// <summary>Closes the windows of every pump the stream has moved on from by more than the allowed lateness (see remarks).</summary>
    public void CloseIdle()
    {
        var bound = StreamTime - _options.LatenessMicros + 1;
        foreach (var pump in _pumps.Values)
        {
            if (pump.Open.Count > 0 && IdleMicros(pump) > _options.LatenessMicros)
            {
                CloseUpTo(pump, bound);
            }
        }
    }

    /// <summary>
    /// How far the stream has moved on, in event time, since <paramref name="pumpId"/>'s newest reading arrived;
    /// 0 for an unknown pump or one sending now.
    /// </summary>
    public long IdleMicros(string pumpId) => _pumps.TryGetValue(pumpId, out var pump) ? IdleMicros(pump) : 0;

    private long IdleMicros(PumpWindows pump) => pump.StreamTimeAtLast == long.MinValue ? 0 : StreamTime - pump.StreamTimeAtLast;

    /// <summary>
    /// The number of readings a window of <paramref name="pumpId"/> would hold at the pump's typical sampling interval
    /// (median of its recent gaps); 0 while that is unknown (fewer than two readings).
    /// </summary>
    public double ExpectedReadings(string pumpId) =>
        _pumps.TryGetValue(pumpId, out var pump) && pump.Interval.Median() is var gap and > 0 ? (double)_options.SizeMicros / gap : 0;

    /// <summary>Newest accepted event time of <paramref name="pumpId"/>, or null for an unknown pump.</summary>
    public long? NewestReading(string pumpId) =>
        _pumps.TryGetValue(pumpId, out var pump) && pump.MaxSeen != long.MinValue ? pump.MaxSeen : null;

    /// <summary>How many pumps are reported silent now (a cheap check before <see cref="TryResume"/> on every reading).</summary>
    public int SilentCount { get; private set; }

    /// <summary>Records that <paramref name="pumpId"/> was reported silent; false when it already was (or is unknown).</summary>
    public bool MarkSilent(string pumpId)
    {
        if (!_pumps.TryGetValue(pumpId, out var pump) || pump.SilentSince != long.MinValue || pump.MaxSeen == long.MinValue)
        {
            return false;
        }

        pump.SilentSince = pump.MaxSeen;
        SilentCount++;
        return true;
    }

    /// <summary>
    /// Ends a pump's silence once it has reported a reading newer than the silence began; gives the newest reading
    /// before the silence (the episode's id).
    /// </summary>
    public bool TryResume(string pumpId, out long silentSince)
    {
        silentSince = long.MinValue;
        if (!_pumps.TryGetValue(pumpId, out var pump) || pump.SilentSince == long.MinValue || pump.MaxSeen <= pump.SilentSince)
        {
            return false;
        }

        (silentSince, pump.SilentSince) = (pump.SilentSince, long.MinValue);
        SilentCount--;
        return true;
    }

    /// <summary>Closes every open window of every pump (end of input, or the final invoke of a Lambda window).</summary>
    public void CloseAll()
    {
        foreach (var pump in _pumps.Values)
        {
            CloseUpTo(pump, long.MaxValue);
        }
    }

    /// <summary>Closes the windows of every pump that end at or before <paramref name="micros"/> (a processing-time watermark).</summary>
    public void CloseEndingBy(long micros)
    {
        foreach (var pump in _pumps.Values)
        {
            CloseUpTo(pump, micros);
        }
    }

    /// <summary>Returns the closed windows to the pool; call after consuming <see cref="Closed"/>.</summary>
    public void Release()
    {
        foreach (var window in _closed)
        {
            _windows.Push(window);
        }

        _closed.Clear();
    }

    /// <summary>Serialises one pump's open state (see <see cref="PumpStateCodec"/>); null for an unknown pump.</summary>
    public string? SaveState(string pumpId) =>
        _pumps.TryGetValue(pumpId, out var pump) ? PumpStateCodec.Encode(pump, _catalog) : null;

    /// <summary>Replaces one pump's state with one produced by <see cref="SaveState"/>.</summary>
    /// <exception cref="FormatException">The text is not a state this version wrote.</exception>
    public void LoadState(string pumpId, string state)
    {
        ArgumentNullException.ThrowIfNull(pumpId);
        ArgumentNullException.ThrowIfNull(state);
        RemovePump(pumpId);
        var pump = RentPump(pumpId);
        PumpStateCodec.Decode(state, pump, _catalog, () => _panes.Count > 0 ? _panes.Pop() : new Pane());
        StreamTime = Math.Max(StreamTime, Math.Max(pump.MaxSeen, pump.StreamTimeAtLast));
        _pumps[pumpId] = pump;
        SilentCount += pump.SilentSince != long.MinValue ? 1 : 0;
    }

    /// <summary>
    /// Forgets every pump, the stream time and the arrival window, as a new windower; keeps the pools (panes with their
    /// timestamp arrays, windows, pump states) for the next pumps.
    /// </summary>
    public void Reset()
    {
        foreach (var pump in _pumps.Values)
        {
            Recycle(pump);
        }

        _pumps.Clear();
        Release();
        StreamTime = long.MinValue;
        _nextIdleSweep = long.MinValue;
        SilentCount = 0;
        _arrival = null;
    }

    /// <summary>Forgets a pump's state, closed or not.</summary>
    public void RemovePump(string pumpId)
    {
        if (_pumps.Remove(pumpId, out var pump))
        {
            SilentCount -= pump.SilentSince != long.MinValue ? 1 : 0;
            Recycle(pump);
        }
    }

    // A pump's panes and its own state go back to the pools, emptied.
    private void Recycle(PumpWindows pump)
    {
        foreach (var pane in pump.Open)
        {
            _panes.Push(pane);
        }

        pump.Reset("");
        _sparePumps.Push(pump);
    }

    private PumpWindows RentPump(string pumpId)
    {
        if (_sparePumps.TryPop(out var pump))
        {
            pump.Reset(pumpId);
            return pump;
        }

        return new PumpWindows(pumpId);
    }

    internal static long FloorTo(long t, long width) => t >= 0 ? t - (t % width) : t - (((t % width) + width) % width);

    private PumpWindows Pump(string pumpId)
    {
        if (!_pumps.TryGetValue(pumpId, out var pump))
        {
            pump = RentPump(pumpId);
            _pumps.Add(pumpId, pump);
        }

        return pump;
    }

    private void CloseUpTo(PumpWindows pump, long bound)
    {
        while (pump.Open.Count > 0 && pump.Open[0].End <= bound)
        {
            CloseFirst(pump);
        }
    }

    private void CloseFirst(PumpWindows pump)
    {
        var pane = pump.Open[0];
        pump.Open.RemoveAt(0);
        // An event-time window closes its span; an arrival window closes everything up to the pump's newest reading.
        pump.ClosedThrough = Math.Max(pump.ClosedThrough, pane.ByArrival ? pump.MaxSeen + 1 : pane.End);
        Close(pump, pane);
        _panes.Push(pane);
    }

    private void Close(PumpWindows pump, Pane pane)
    {
        var window = _windows.Count > 0 ? _windows.Pop() : new WindowAggregate();
        if (_options.IsTumbling)
        {
            window.Reset(pump.PumpId, pane.Start, pane.End);
            window.Merge(pane.Aggregate);
        }
        else
        {
            var start = pane.End - _options.SizeMicros;
            pump.Sliding.Push(pane.Aggregate);
            pump.Sliding.EvictBefore(start);
            window.Reset(pump.PumpId, start, pane.End);
            pump.Sliding.Aggregate(window);
        }

        _closed.Add(window);
    }
}
