namespace PumpWatch.Cli.Store;

/// <summary>Readings in columns, filled on the pipeline thread and appended by the store's writer thread.</summary>
internal sealed class ReadingBatch(int capacity)
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

/// <summary>Closed windows in columns (features row-major), filled on the pipeline thread.</summary>
internal sealed class WindowBatch(int capacity, int features)
{
    public int FeatureCount { get; } = features;

    public string[] Pump { get; } = new string[capacity];

    public long[] Start { get; } = new long[capacity];

    public long[] End { get; } = new long[capacity];

    public int[] Readings { get; } = new int[capacity];

    public double[] Score { get; } = new double[capacity];

    public double[] Threshold { get; } = new double[capacity];

    public string?[] ModelId { get; } = new string?[capacity];

    public double[] Features { get; } = new double[capacity * features];

    public int Count { get; set; }

    public bool IsFull => Count == Pump.Length;
}

/// <summary>A row inserted one at a time (quarantine, alerts: rare): the SQL and its values.</summary>
internal sealed record SingleRow(string Sql, object?[] Values);

/// <summary>Asks the writer to commit what it has and signal.</summary>
internal sealed record FlushRequest(TaskCompletionSource Done);
