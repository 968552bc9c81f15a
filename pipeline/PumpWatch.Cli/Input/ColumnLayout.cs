namespace PumpWatch.Cli.Input;

/// <summary>
/// Where a table's time, pump, label and sensor columns are (-1 when absent), resolved once from its column names
/// with the reading options; shared by the CSV and Parquet readers so both name a missing column the same way.
/// </summary>
internal sealed record ColumnLayout(int Time, int Pump, int Label, int[] Sensors)
{
    /// <param name="names">Column names in file order.</param>
    /// <param name="options">Which columns play which part.</param>
    /// <param name="where">How to name the place in an error, e.g. "readings.csv:1".</param>
    /// <param name="isNumeric">Whether a column can be a default sensor (all columns when null).</param>
    public static ColumnLayout Resolve(string[] names, CsvReadingOptions options, string where, Func<int, bool>? isNumeric = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(options);
        int Column(string name, string flag) =>
            Array.IndexOf(names, name) is var i and >= 0 ? i : throw new UserError($"{where}: no column '{name}' ({flag}); columns are {string.Join(", ", names)}");

        var time = Column(options.TimeColumn, "--time-column");
        var pump = options.FixedPump is null ? Column(options.PumpColumn, "--pump-column") : -1;
        var label = options.LabelColumn is null ? -1 : Column(options.LabelColumn, "--label-column");
        var sensors = options.Sensors is null
            ? Enumerable.Range(0, names.Length).Where(i => i != time && i != pump && i != label && names[i].Length > 0 && (isNumeric?.Invoke(i) ?? true)).ToArray()
            : options.Sensors.Select(s => Column(s, "--sensors")).ToArray();
        // The catalog holds at most MaxSensors sensors (tutorial ones included); past that, values would vanish unsaid.
        var room = PumpWatch.Core.Readings.SensorCatalog.MaxSensors - PumpWatch.Core.Readings.SensorSpec.Defaults.Count;
        if (sensors.Length > room)
        {
            throw new UserError($"{where}: {sensors.Length} sensor columns, more than the {room} a run can hold; choose them with --sensors");
        }

        return new ColumnLayout(time, pump, label, sensors);
    }

    /// <summary>The sensor names the sensor columns feed (after renames).</summary>
    public IReadOnlyList<string> SensorNames(string[] names, CsvReadingOptions options) => Sensors.Select(i => options.SensorName(names[i])).ToArray();
}
