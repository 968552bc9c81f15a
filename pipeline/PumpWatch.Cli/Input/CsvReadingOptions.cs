namespace PumpWatch.Cli.Input;

/// <summary>
/// How to read readings from a CSV or Parquet file: delimiter (null: by file type and decimal mark), time column and
/// format, pump column or fixed pump, sensor columns (null: every other numeric column) with optional renames (column
/// to sensor name), label column, decimal comma, what a non-numeric sensor cell does, and when a sensor counts as dead.
/// </summary>
internal sealed record CsvReadingOptions(
    char? Delimiter = null,
    string TimeColumn = "timestamp",
    string TimeFormat = "iso",
    string PumpColumn = "pump_id",
    string? FixedPump = null,
    IReadOnlyList<string>? Sensors = null,
    string? LabelColumn = null,
    IReadOnlyDictionary<string, string>? Rename = null)
{
    /// <summary>Default for <see cref="DeadSensorAfter"/>: long enough that a few dropped samples are not news.</summary>
    public static readonly TimeSpan DefaultDeadSensorAfter = TimeSpan.FromMinutes(10);

    /// <summary>Numbers are written with a decimal comma (<c>66,677</c>), as European exports are.</summary>
    public bool DecimalComma { get; init; }

    /// <summary>A sensor cell that is not a number, or a time outside years 1..9999, stops the run instead of being quarantined.</summary>
    public bool Strict { get; init; }

    /// <summary>A sensor with no numeric value for at least this long (event time) is reported; zero reports none.</summary>
    public TimeSpan DeadSensorAfter { get; init; } = DefaultDeadSensorAfter;

    /// <summary>The sensor a column feeds: its rename, or the column's own name.</summary>
    public string SensorName(string column) => Rename is not null && Rename.TryGetValue(column, out var name) ? name : column;

    /// <summary>
    /// The delimiter for <paramref name="path"/>: <c>--delimiter</c> when given; otherwise tab for <c>.tsv</c>, ';' with a
    /// decimal comma (a comma cannot both separate fields and mark decimals), ',' else.
    /// </summary>
    public char DelimiterFor(string path) => Delimiter ?? DefaultDelimiter(path, DecimalComma);

    /// <inheritdoc cref="DelimiterFor"/>
    public static char DefaultDelimiter(string path, bool decimalComma) =>
        Path.GetExtension(path).Equals(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : decimalComma ? ';' : ',';
}
