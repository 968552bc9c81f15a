namespace PumpWatch.Cli.Input;

/// <summary>
/// Reads readings files: JSON lines (<c>.jsonl</c>, <c>.json</c>, <c>.ndjson</c>; each line goes to the parser, so bad lines are
/// quarantined, not fatal), CSV/TSV (<see cref="CsvReadings"/>) and Parquet (<see cref="ParquetReadings"/>).
/// </summary>
internal static class ReadingFiles
{
    /// <summary>The records of a readings file; one-line notices about the input (rows read in reverse order, dead sensors) go to the notices writer.</summary>
    public static IEnumerable<InputRecord> Read(string path, CsvReadingOptions csv, TextWriter notices)
    {
        if (!File.Exists(path))
        {
            throw new UserError($"{path}: no such file");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".jsonl" or ".json" or ".ndjson" => ReadJsonLines(path),
            ".csv" or ".tsv" or ".txt" => NewestFirst.InOrder(CsvReadings.Read(path, csv, notices), path, notices),
            ".parquet" => NewestFirst.InOrder(ParquetReadings.Read(path, csv), path, notices),
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

        if (CsvReadings.Header(path, options) is not { } names)
        {
            return null; // empty: Read reports it
        }

        var sensors = ColumnLayout.Resolve(names, options, path).SensorNames(names, options);
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
}
