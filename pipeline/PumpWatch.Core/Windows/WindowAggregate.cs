using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Windows;

/// <summary>
/// A closed window of one pump: [<see cref="Start"/>, <see cref="End"/>) in event time with one
/// <see cref="SensorAggregate"/> per catalog sensor. Also the unit of merge for panes.
/// </summary>
public sealed class WindowAggregate
{
    private SensorAggregate[] _sensors = new SensorAggregate[8];

    public string PumpId { get; internal set; } = "";

    /// <summary>Inclusive start, microseconds since the Unix epoch.</summary>
    public long Start { get; internal set; }

    /// <summary>Exclusive end, microseconds since the Unix epoch.</summary>
    public long End { get; internal set; }

    /// <summary>Readings merged into this window (each distinct timestamp once).</summary>
    public int Count { get; internal set; }

    /// <summary>Number of sensor slots in use (the catalog size when last touched).</summary>
    public int Width { get; private set; }

    /// <summary>Aggregate of sensor <paramref name="index"/>; empty when the sensor had no readings.</summary>
    public ref readonly SensorAggregate Sensor(int index)
    {
        if (index >= Width)
        {
            return ref EmptyAggregate.Value;
        }

        return ref _sensors[index];
    }

    internal Span<SensorAggregate> Sensors => _sensors.AsSpan(0, Width);

    internal void Reset(string pumpId, long start, long end)
    {
        PumpId = pumpId;
        Start = start;
        End = end;
        Count = 0;
        _sensors.AsSpan(0, Width).Fill(SensorAggregate.Empty);
        Width = 0;
    }

    internal void EnsureWidth(int width)
    {
        if (width <= Width)
        {
            return;
        }

        if (width > _sensors.Length)
        {
            Array.Resize(ref _sensors, Math.Max(width, _sensors.Length * 2));
        }

        _sensors.AsSpan(Width, width - Width).Fill(SensorAggregate.Empty);
        Width = width;
    }

    internal void Add(ParsedReading reading, int catalogCount)
    {
        EnsureWidth(catalogCount);
        foreach (var index in reading.Sensors)
        {
            _sensors[index].Add(reading.Timestamp, reading.Value(index));
        }

        Count++;
    }

    internal void Merge(WindowAggregate other)
    {
        EnsureWidth(other.Width);
        var theirs = other.Sensors;
        for (var i = 0; i < theirs.Length; i++)
        {
            _sensors[i].Merge(theirs[i]);
        }

        Count += other.Count;
    }

    internal void CopyFrom(WindowAggregate other)
    {
        Count = 0;
        _sensors.AsSpan(0, Width).Fill(SensorAggregate.Empty);
        Width = 0;
        Merge(other);
    }

    private static class EmptyAggregate
    {
        public static readonly SensorAggregate Value = SensorAggregate.Empty;
    }
}
