namespace PumpWatch.Cli.Store;

/// <summary>Readings in columns, filled on the pipeline thread and appended by the store's writer thread.</summary>
internal sealed class ReadingRows(int capacity)
{
    public const int Sensors = 4;

    public string[] Pump { get; } = new string[capacity];

    public long[] Time { get; } = new long[capacity];

    /// <summary>Temperature, pressure, flow_rate, vibration per row; NaN when absent.</summary>
    public double[] Values { get; } = new double[capacity * Sensors];

    public string?[] Extras { get; } = new string?[capacity];

    public int Count { get; set; }

    public bool IsFull => Count == Pump.Length;
}
