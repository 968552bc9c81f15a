using System.Globalization;
using System.Text;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Input;

/// <summary>
/// Reads readings files: JSON lines (<c>.jsonl</c>, <c>.json</c>, <c>.ndjson</c>; each line goes to the parser, so bad lines are
/// quarantined, not fatal), CSV/TSV (bad lines are user errors naming file, line and column) and Parquet (<see cref="ParquetReadings"/>).
/// </summary>
internal static class ReadingFiles
{
    public static IEnumerable<InputRecord> Read(string path, CsvReadingOptions csv)
    {
        if (!File.Exists(path))
        {
            throw new UserError($"{path}: no such file");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".jsonl" or ".json" or ".ndjson" => ReadJsonLines(path),
            ".csv" or ".tsv" or ".txt" => ReadCsv(path, extension == ".tsv" && csv.Delimiter == ',' ? csv with { Delimiter = '\t' } : csv),
            ".parquet" => ParquetReadings.Read(path, csv),
            _ => throw new UserError($"{path}: unknown input type '{extension}': use .jsonl, .csv or .parquet"),
        };
    }

    /// <summary>The sensor columns of a CSV (from its header) or Parquet input, or null for JSON lines, whose sensors are known only when read.</summary>
    public static IReadOnlyList<string>? SensorNamesOf(string path, CsvReadingOptions options)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (!File.Exists(path))
        {
            return null;
        }

        if (extension == ".parquet")
        {
            return ParquetReadings.Sensors(path, options) is { Count: > 0 } parquetSensors ? parquetSensors : null;
        }

        if (extension is not (".csv" or ".tsv" or ".txt"))
        {
            return null;
        }

        using var reader = new StreamReader(path);
        var delimiter = extension == ".tsv" && options.Delimiter == ',' ? '\t' : options.Delimiter;
        if (reader.ReadLine() is not { } header)
        {
            return null; // empty: Read reports it
        }

        var names = header.Split(delimiter).Select(n => n.Trim()).ToArray();
        var sensors = ColumnLayout.Resolve(names, options, $"{path}:1").SensorNames(names, options);
        return sensors.Count > 0 ? sensors : null;
    }

    private static IEnumerable<InputRecord> ReadJsonLines(string path)
    {
        var any = false;
        foreach (var (line, number) in JsonLines.Read(path))
        {
            any = true;
            if (!line.IsEmpty)
            {
                yield return new InputRecord(line, null, null, number);
            }
        }

        if (!any)
        {
            throw new UserError($"{path}: empty input");
        }
    }

    private static IEnumerable<InputRecord> ReadCsv(string path, CsvReadingOptions options)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new UserError($"{path}: empty input");
        var names = header.Split(options.Delimiter).Select(n => n.Trim()).ToArray();
        var (time, pump, label, sensors) = ColumnLayout.Resolve(names, options, $"{path}:1");
        long line = 1;
        var any = false;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0 || text[0] == '#')
            {
                continue;
            }

            any = true;
            var cells = text.Split(options.Delimiter);
            if (cells.Length != names.Length)
            {
                throw new UserError($"{path}:{line}: {cells.Length} columns, header has {names.Length}");
            }

            var micros = ParseTime(cells[time].Trim(), options.TimeFormat)
                ?? throw new UserError($"{path}:{line}: column '{names[time]}': '{cells[time]}' is not a {options.TimeFormat} time");
            var values = new List<KeyValuePair<string, double>>(sensors.Length);
            foreach (var s in sensors)
            {
                var cell = cells[s].Trim();
                if (cell.Length == 0 || cell.Equals("NA", StringComparison.OrdinalIgnoreCase) || cell.Equals("null", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    if (options.Sensors is null && line == 2)
                    {
                        throw new UserError($"{path}:{line}: column '{names[s]}': '{cell}' is not a number (name the sensor columns with --sensors)");
                    }

                    throw new UserError($"{path}:{line}: column '{names[s]}': '{cell}' is not a number");
                }

                values.Add(new(options.SensorName(names[s]), value));
            }

            bool? isAnomalous = null;
            if (label >= 0)
            {
                isAnomalous = double.TryParse(cells[label].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var l)
                    ? l != 0
                    : throw new UserError($"{path}:{line}: column '{names[label]}': '{cells[label]}' is not a number");
            }

            var pumpId = options.FixedPump ?? cells[pump].Trim();
            yield return new InputRecord(default, new Reading(pumpId, micros, values), isAnomalous, line);
        }

        if (!any)
        {
            throw new UserError($"{path}: no data rows");
        }
    }

    /// <summary>iso, epoch_s, epoch_ms, or a .NET custom format (taken as UTC).</summary>
    public static long? ParseTime(string text, string format)
    {
        switch (format)
        {
            case "iso":
                return EventTime.TryParseIso(Encoding.UTF8.GetBytes(text), out var iso) ? iso : null;
            case "epoch_s":
            case "epoch_ms":
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var epoch) || !double.IsFinite(epoch))
                {
                    return null;
                }

                return (long)Math.Round(epoch * (format == "epoch_s" ? 1e6 : 1e3));
            default:
                return DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                    ? EventTime.FromDateTimeOffset(parsed)
                    : null;
        }
    }
}
