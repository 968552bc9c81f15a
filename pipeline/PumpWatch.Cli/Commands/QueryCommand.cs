using System.CommandLine;
using System.Globalization;
using DuckDB.NET.Data;

namespace PumpWatch.Cli.Commands;

/// <summary><c>pumpwatch query "SQL"</c>: runs SQL on the store and prints the rows as a table.</summary>
internal static class QueryCommand
{
    public static Command Create()
    {
        var sql = new Argument<string>("sql") { Description = "SQL to run, e.g. \"SELECT * FROM alerts\"" };
        var db = new Option<string>("--db") { Description = "DuckDB file", DefaultValueFactory = _ => "pumpwatch-demo.duckdb" };
        var command = new Command("query", "Run SQL against the store (tables: readings, windows, alerts, quarantine)") { sql, db };
        command.SetAction(parse => CliRun.Guard(() =>
        {
            var path = parse.GetValue(db)!;
            if (!File.Exists(path))
            {
                throw new UserError($"{path}: no such store (run 'pumpwatch demo' or give --db)");
            }

            using var connection = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = parse.GetValue(sql);
            using var reader = command.ExecuteReader();
            var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            Console.WriteLine(string.Join(" | ", names));
            var rows = 0;
            while (reader.Read())
            {
                var cells = new string[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
                }

                Console.WriteLine(string.Join(" | ", cells));
                rows++;
            }

            Console.WriteLine($"({rows} row{(rows == 1 ? "" : "s")})");
            return 0;
        }).GetAwaiter().GetResult());
        return command;
    }
}
