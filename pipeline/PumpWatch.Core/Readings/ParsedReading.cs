namespace PumpWatch.Core.Readings;

/// <summary>
/// One decoded reading, reused from record to record so the hot path does not allocate.
/// Values are indexed by <see cref="SensorCatalog"/> index; <see cref="Sensors"/> lists the ones present.
/// </summary>
public sealed class ParsedReading
{
    private readonly double[] _values = new double[SensorCatalog.MaxSensors];
    private readonly int[] _sensors = new int[SensorCatalog.MaxSensors];

    public string PumpId { get; internal set; } = "";

    /// <summary>The catalog the sensor indices refer to (set by the parser or <see cref="Reading.CopyTo"/>).</summary>
    public SensorCatalog? Catalog { get; internal set; }

    /// <summary>Event time, microseconds since the Unix epoch (UTC).</summary>
    public long Timestamp { get; set; }

    public int SensorCount { get; private set; }

    /// <summary>Non-numeric fields skipped while parsing (strings, objects, arrays, over-long names).</summary>
    public int IgnoredFields { get; internal set; }

    /// <summary>Sensor values that arrived as numbers in strings (<c>"67.1"</c>) and were read as numbers.</summary>
    public int NumbersFromText { get; internal set; }

    /// <summary>Indices of the sensors present, in the order they appeared.</summary>
    public ReadOnlySpan<int> Sensors => _sensors.AsSpan(0, SensorCount);

    /// <summary>Value of sensor <paramref name="index"/>, NaN when absent.</summary>
    public double Value(int index) => _values[index];

    internal void Reset()
    {
        foreach (var index in Sensors)
        {
            _values[index] = double.NaN;
        }

        SensorCount = 0;
        IgnoredFields = 0;
        NumbersFromText = 0;
        PumpId = "";
        Timestamp = 0;
    }

    /// <summary>Sets a sensor value; a repeated field keeps its last value; NaN means absent and is ignored.</summary>
    public void Set(int index, double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        if (double.IsNaN(_values[index]))
        {
            _sensors[SensorCount++] = index;
        }

        _values[index] = value;
    }

    /// <summary>Fills the reading directly (simulator, CSV and Parquet readers).</summary>
    public void Load(string pumpId, long timestamp)
    {
        Reset();
        PumpId = pumpId;
        Timestamp = timestamp;
    }

    public ParsedReading()
    {
        Array.Fill(_values, double.NaN);
    }
}
