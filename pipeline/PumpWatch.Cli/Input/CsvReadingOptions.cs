namespace PumpWatch.Cli.Input;

/// <summary>
/// How to read readings from a CSV or Parquet file: delimiter, time column and format, pump column or fixed pump,
/// sensor columns (null: every other numeric column) with optional renames (column to sensor name), label column.
/// </summary>
internal sealed record CsvReadingOptions(
    char Delimiter = ',',
    string TimeColumn = "timestamp",
    string TimeFormat = "iso",
    string PumpColumn = "pump_id",
    string? FixedPump = null,
    IReadOnlyList<string>? Sensors = null,
    string? LabelColumn = null,
    IReadOnlyDictionary<string, string>? Rename = null)
{
    /// <summary>The sensor a column feeds: its rename, or the column's own name.</summary>
    public string SensorName(string column) => Rename is not null && Rename.TryGetValue(column, out var name) ? name : column;
}
