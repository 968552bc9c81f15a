namespace PumpWatch.Cli.Store;

/// <summary>Closed windows in columns (features row-major), filled on the pipeline thread.</summary>
internal sealed class WindowRows(int capacity, int features)
{
    public int FeatureCount { get; } = features;

    public string[] Pump { get; } = new string[capacity];

    public long[] Start { get; } = new long[capacity];

    public long[] End { get; } = new long[capacity];

    public int[] Readings { get; } = new int[capacity];

    public bool[] Complete { get; } = new bool[capacity];

    public double[] Score { get; } = new double[capacity];

    public double[] Threshold { get; } = new double[capacity];

    public string?[] ModelId { get; } = new string?[capacity];

    public double[] Features { get; } = new double[capacity * features];

    public int Count { get; set; }

    public bool IsFull => Count == Pump.Length;
}
