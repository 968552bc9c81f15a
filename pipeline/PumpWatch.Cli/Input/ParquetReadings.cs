using DuckDB.NET.Data;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Input;

/// <summary>
/// Reads readings from Parquet through DuckDB's own Parquet reader (already shipped with the store): the same column
/// options as CSV. A TIMESTAMP time column needs no format; a string or number column uses --time-format. By
/// default every numeric column other than time, pump and label is a sensor.
/// </summary>
internal static class ParquetReadings
{
    private static readonly HashSet<Type> Numeric = [typeof(double), typeof(float), typeof(int), typeof(long), typeof(short), typeof(byte), typeof(decimal), typeof(sbyte), typeof(ushort), typeof(uint), typeof(ulong)];

    public static IEnumerable<InputRecord> Read(string path, CsvReadingOptions options)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var source = $"read_parquet('{path.Replace("'", "''", StringComparison.Ordinal)}')";
        var (names, types) = Schema(connection, source, path);
        var (time, pump, label, sensors) = ColumnLayout.Resolve(names, options, path, i => Numeric.Contains(types[i]));
        foreach (var s in sensors.Where(s => !Numeric.Contains(types[s])))
        {
            throw new UserError($"{path}: column '{names[s]}' is {types[s].Name}, not a number");
        }

        var timeIsTimestamp = types[time] == typeof(DateTime) || types[time] == typeof(DateTimeOffset);
        var select = new List<string>
        {
            timeIsTimestamp ? $"epoch_us({Quote(names[time])})" : $"CAST({Quote(names[time])} AS VARCHAR)",
            pump >= 0 ? $"CAST({Quote(names[pump])} AS VARCHAR)" : "NULL",
            label >= 0 ? $"CAST({Quote(names[label])} AS DOUBLE)" : "NULL",
        };
        select.AddRange(sensors.Select(s => $"CAST({Quote(names[s])} AS DOUBLE)"));

        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", select)} FROM {source}";
        using var reader = Execute(command, path);
        long row = 0;
        while (reader.Read())
        {
            row++;
            long micros;
            if (timeIsTimestamp)
            {
                micros = reader.IsDBNull(0) ? throw new UserError($"{path}: row {row}: column '{names[time]}' is empty") : reader.GetInt64(0);
            }
            else
            {
                var text = reader.IsDBNull(0) ? "" : reader.GetString(0);
                if (!InputTime.TryParse(text, options.TimeFormat, out micros, out var outOfRange))
                {
                    if (outOfRange is null || options.Strict)
                    {
                        throw new UserError($"{path}: row {row}: column '{names[time]}': {outOfRange ?? $"'{text}' is not a {options.TimeFormat} time"}");
                    }

                    var pumpText = options.FixedPump ?? (reader.IsDBNull(1) ? null : reader.GetString(1));
                    yield return InputRecord.Reject(new RejectedValue(pumpText, null, QuarantineReason.BadTimestamp, $"{path}: row {row}: column '{names[time]}': {outOfRange}", System.Text.Encoding.UTF8.GetBytes(text)), row);
                    continue;
                }
            }

            var pumpId = options.FixedPump ?? (reader.IsDBNull(1) ? throw new UserError($"{path}: row {row}: column '{names[pump]}' is empty") : reader.GetString(1));
            bool? anomalous = label >= 0 ? !reader.IsDBNull(2) && reader.GetDouble(2) != 0 : null;
            var values = new List<KeyValuePair<string, double>>(sensors.Length);
            for (var s = 0; s < sensors.Length; s++)
            {
                if (!reader.IsDBNull(3 + s))
                {
                    values.Add(new(options.SensorName(names[sensors[s]]), reader.GetDouble(3 + s)));
                }
            }

            yield return new InputRecord(default, new Reading(pumpId, micros, values), anomalous, row);
        }

        if (row == 0)
        {
            throw new UserError($"{path}: no data rows");
        }
    }

    /// <summary>The numeric columns that would be sensors by default (for choosing the features of a model).</summary>
    public static IReadOnlyList<string> Sensors(string path, CsvReadingOptions options)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var (names, types) = Schema(connection, $"read_parquet('{path.Replace("'", "''", StringComparison.Ordinal)}')", path);
        return ColumnLayout.Resolve(names, options, path, i => Numeric.Contains(types[i])).SensorNames(names, options);
    }

    private static (string[] Names, Type[] Types) Schema(DuckDBConnection connection, string source, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {source} LIMIT 0";
        using var reader = Execute(command, path);
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var types = Enumerable.Range(0, reader.FieldCount).Select(reader.GetFieldType).ToArray();
        return (names, types);
    }

    private static System.Data.Common.DbDataReader Execute(DuckDBCommand command, string path)
    {
        try
        {
            return command.ExecuteReader();
        }
        catch (DuckDBException e)
        {
            throw new UserError($"{path}: not a readable Parquet file: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
