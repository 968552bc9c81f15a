using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Storage;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Store;

/// <summary>The read side of the DuckDB store (await <see cref="FlushAsync"/> first to see what was just written).</summary>
public sealed partial class DuckDbStore
{
    public IEnumerable<Reading> Readings(StoreQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var command = Select("SELECT pump_id, epoch_us(time), temperature, pressure, flow_rate, vibration, extras FROM readings", "time", query, "ORDER BY time, pump_id");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var values = new List<KeyValuePair<string, double>>(4);
            for (var s = 0; s < TutorialColumns.Count; s++)
            {
                if (!reader.IsDBNull(2 + s))
                {
                    values.Add(new(TutorialColumns[s], reader.GetDouble(2 + s)));
                }
            }

            if (!reader.IsDBNull(6))
            {
                AddExtras(reader.GetString(6), values);
            }

            yield return new Reading(reader.GetString(0), reader.GetInt64(1), values);
        }
    }

    public IReadOnlyList<StoredWindow> Windows(StoreQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var features = string.Concat(_features.Select(f => ", " + Quote(f)));
        using var command = Select($"SELECT pump_id, epoch_us(window_start), epoch_us(window_end), readings, score, threshold, model_id{features} FROM windows", "window_start", query, "ORDER BY window_end, pump_id");
        using var reader = command.ExecuteReader();
        var result = new List<StoredWindow>();
        while (reader.Read())
        {
            var values = new Dictionary<string, double>(_features.Count, StringComparer.Ordinal);
            for (var f = 0; f < _features.Count; f++)
            {
                values[_features[f]] = Double(reader, 7 + f);
            }

            result.Add(new StoredWindow(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3),
                Double(reader, 4), Double(reader, 5), reader.IsDBNull(6) ? null : reader.GetString(6), values));
        }

        return result;
    }

    public IReadOnlyList<StoredAlert> Alerts(StoreQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var command = Select("SELECT alert_id, event, pump_id, severity, epoch_us(window_start), epoch_us(window_end), score, threshold, model_id FROM alerts", "window_end", query, "ORDER BY window_end, pump_id");
        using var reader = command.ExecuteReader();
        var result = new List<StoredAlert>();
        while (reader.Read())
        {
            result.Add(new StoredAlert(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetDouble(6), reader.GetDouble(7), reader.GetString(8)));
        }

        return result;
    }

    public IReadOnlyList<StoredQuarantine> Quarantined(StoreQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var command = Select("SELECT pump_id, epoch_us(time), reason, detail, raw FROM quarantine", "time", query, "ORDER BY seq");
        using var reader = command.ExecuteReader();
        var result = new List<StoredQuarantine>();
        while (reader.Read())
        {
            result.Add(new StoredQuarantine(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1),
                reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return result;
    }

    private DuckDBCommand Select(string select, string timeColumn, StoreQuery query, string order)
    {
        var command = _connection.CreateCommand();
        var where = new List<string>();
        if (query.From is { } from)
        {
            where.Add($"{timeColumn} >= $from");
            command.Parameters.Add(new DuckDBParameter("from", ToDateTime(from)));
        }

        if (query.To is { } to)
        {
            where.Add($"{timeColumn} < $to");
            command.Parameters.Add(new DuckDBParameter("to", ToDateTime(to)));
        }

        if (query.Pumps is { } pumps)
        {
            // Pump ids travel as a bound list, never spliced into the SQL.
            where.Add("list_contains($pumps, pump_id)");
            command.Parameters.Add(new DuckDBParameter("pumps", pumps.ToList()));
        }

        command.CommandText = $"{select}{(where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")} {order}";
        return command;
    }

    private static double Double(DbDataReader reader, int column) => reader.IsDBNull(column) ? double.NaN : reader.GetDouble(column);

    private static void AddExtras(string json, List<KeyValuePair<string, double>> values)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        string? name = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                name = reader.GetString();
            }
            else if (reader.TokenType == JsonTokenType.Number && name is not null)
            {
                values.Add(new(name, reader.GetDouble()));
            }
        }
    }
}
