namespace PumpWatch.Cli.Input;

/// <summary>How to read readings from a CSV: delimiter, time column and format, pump column or fixed pump, sensor columns (null: every other numeric column), label column.</summary>
internal sealed record CsvReadingOptions(
    char Delimiter = ',',
    string TimeColumn = "timestamp",
    string TimeFormat = "iso",
    string PumpColumn = "pump_id",
    string? FixedPump = null,
    IReadOnlyList<string>? Sensors = null,
    string? LabelColumn = null);
