using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;

namespace PumpWatch.Cli.Commands;

/// <summary>
/// <c>pumpwatch query "SQL"</c>: runs SQL on the store and prints the rows as a table, CSV or JSON lines. Times print as
/// ISO-8601 UTC. Feature columns have dots in their names, so SQL quotes them: <c>SELECT "vibration.mean" FROM windows</c>.
/// <c>natural_key(pump_id)</c> is defined for ORDER BY, so that pump 9 sorts before pump 10.
/// </summary>
internal static class QueryCommand
{
    public static Command Create(Invocation invocation)
    {
        var sql = new Argument<string>("sql") { Description = "SQL to run, e.g. \"SELECT * FROM alerts\"; quote feature columns: \"vibration.mean\"" };
        var db = new Option<string>("--db") { Description = "DuckDB file", DefaultValueFactory = _ => "pumpwatch-demo.duckdb" };
        var format = new Option<string>("--format") { Description = "table, csv or json (one JSON object per row)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var command = new Command("query", "Run SQL against the store (tables: readings, windows, alerts, quarantine)") { sql, db, format };
        command.SetAction(parse => CliRun.Guard(() =>
        {
            var path = parse.GetValue(db)!;
            if (!File.Exists(path))
            {
                throw new UserError($"{path}: no such store (run '{invocation.Command("demo")}' or give --db)");
            }

            var settings = new DuckDBConnectionStringBuilder { DataSource = path };
            settings["ACCESS_MODE"] = "READ_ONLY";
            using var connection = new DuckDBConnection(settings.ConnectionString);
            connection.Open();
            using (var macro = connection.CreateCommand())
            {
                macro.CommandText = NaturalKeyMacro;
                macro.ExecuteNonQuery();
            }

            using var command = connection.CreateCommand();
            command.CommandText = parse.GetValue(sql);
            using var reader = command.ExecuteReader();
            var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var output = Console.Out;
            var kind = parse.GetValue(format)!;
            if (kind == "table")
            {
                output.WriteLine(string.Join(" | ", names));
            }
            else if (kind == "csv")
            {
                output.WriteLine(string.Join(',', names.Select(CsvText.Cell)));
            }

            var rows = 0;
            var cells = new string?[reader.FieldCount];
            while (reader.Read())
            {
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = reader.IsDBNull(i) ? null : Text(reader.GetValue(i));
                }

                output.WriteLine(kind switch
                {
                    "csv" => string.Join(',', cells.Select(c => CsvText.Cell(c ?? ""))),
                    "json" => Json(names, cells, reader),
                    _ => string.Join(" | ", cells.Select(c => c ?? "")),
                });
                rows++;
            }

            if (kind == "table")
            {
                output.WriteLine($"({rows} row{(rows == 1 ? "" : "s")})");
            }

            return 0;
        }).GetAwaiter().GetResult());
        return command;
    }

    // ORDER BY natural_key(pump_id) sorts 9 before 10 and P-2 before P-10: the text split into runs of digits and
    // non-digits, each digit run left-padded to 20 characters (longer than any 64-bit number), compared run by run.
    private const string NaturalKeyMacro = """
        CREATE TEMP MACRO natural_key(s) AS list_transform(regexp_extract_all(s, '[0-9]+|[^0-9]+'),
            x -> CASE WHEN regexp_matches(x, '^[0-9]+$') THEN lpad(x, 20, '0') ELSE x END)
        """;

    private static string Text(object value) => value switch
    {
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Json(string[] names, string?[] cells, DuckDBDataReader reader)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            for (var i = 0; i < names.Length; i++)
            {
                if (cells[i] is not { } cell)
                {
                    json.WriteNull(names[i]);
                }
                else if (reader.GetValue(i) is double or float or int or long or short or byte or decimal
                         && double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                {
                    json.WriteNumber(names[i], number);
                }
                else if (reader.GetValue(i) is bool b)
                {
                    json.WriteBoolean(names[i], b);
                }
                else
                {
                    json.WriteString(names[i], cell);
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
