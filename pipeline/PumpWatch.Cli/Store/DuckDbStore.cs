using System.Text;
using DuckDB.NET.Data;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Store;

/// <summary>
/// The embedded store: one DuckDB file with tables that mirror the Timestream design (pump_id as a dimension,
/// time, measures). Rows go through DuckDB appenders, which buffer and write in chunks; <see cref="Flush"/>
/// closes the appenders so what was written is visible and durable.
/// </summary>
public sealed class DuckDbStore : IResultStore
{
    private static readonly string[] TutorialSensors = ["temperature", "pressure", "flow_rate", "vibration"];
    private readonly DuckDBConnection _connection;
    private readonly IReadOnlyList<string> _features;
    private readonly int[] _sensorIndex = new int[TutorialSensors.Length];
    private SensorCatalog? _catalog;
    private DuckDBAppender? _readings;
    private DuckDBAppender? _windows;

    public DuckDbStore(string path, IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        Path = path;
        _features = featureNames;
        _connection = new DuckDBConnection($"Data Source={path}");
        _connection.Open();
        CreateTables();
    }

    public string Path { get; }

    public DuckDBConnection Connection => _connection;

    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public void OnReading(ParsedReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        _readings ??= _connection.CreateAppender("readings");
        var row = _readings.CreateRow().AppendValue(reading.PumpId).AppendValue(ToDateTime(reading.Timestamp));
        if (_catalog is null)
        {
            throw new InvalidOperationException("call UseCatalog before writing readings");
        }

        foreach (var index in _sensorIndex)
        {
            var value = index >= 0 ? reading.Value(index) : double.NaN;
            row = double.IsNaN(value) ? row.AppendNullValue() : row.AppendValue(value);
        }

        row.AppendValue(Extras(reading)).EndRow();
    }

    public void OnQuarantined(ReadOnlySpan<byte> raw, string? pumpId, long? timestamp, QuarantineReason reason, string detail)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO quarantine VALUES ($1, $2, $3, $4, $5)";
        command.Parameters.Add(new DuckDBParameter((object?)pumpId ?? DBNull.Value));
        command.Parameters.Add(new DuckDBParameter(timestamp is { } t ? ToDateTime(t) : DBNull.Value));
        command.Parameters.Add(new DuckDBParameter(reason.Code()));
        command.Parameters.Add(new DuckDBParameter(detail));
        command.Parameters.Add(new DuckDBParameter(raw.IsEmpty ? DBNull.Value : Encoding.UTF8.GetString(raw)));
        command.ExecuteNonQuery();
    }

    public void OnWindow(ScoredWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        _windows ??= _connection.CreateAppender("windows");
        var row = _windows.CreateRow().AppendValue(window.PumpId).AppendValue(ToDateTime(window.Start)).AppendValue(ToDateTime(window.End))
            .AppendValue(window.Count);
        row = double.IsNaN(window.Score) ? row.AppendNullValue().AppendNullValue().AppendNullValue() : row.AppendValue(window.Score).AppendValue(window.Threshold).AppendValue(window.ModelId);
        foreach (var value in window.Features)
        {
            row = double.IsFinite(value) ? row.AppendValue(value) : row.AppendNullValue();
        }

        row.EndRow();
    }

    public void OnAlert(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO alerts VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
        object?[] values =
        [
            alert.AlertId, alert.Kind.ToString().ToLowerInvariant(), alert.PumpId, alert.Severity.ToString().ToLowerInvariant(),
            ToDateTime(alert.WindowStart), ToDateTime(alert.WindowEnd), alert.Score, alert.Threshold, alert.ModelId,
            AlertFormatter.ToJson(alert), AlertFormatter.ToText(alert),
        ];
        foreach (var value in values)
        {
            command.Parameters.Add(new DuckDBParameter(value ?? DBNull.Value));
        }

        command.ExecuteNonQuery();
    }

    /// <summary>Tells the store which catalog the readings' sensor indices refer to.</summary>
    public void UseCatalog(SensorCatalog catalog)
    {
        _catalog = catalog;
        for (var i = 0; i < TutorialSensors.Length; i++)
        {
            _sensorIndex[i] = catalog.TryGetIndex(TutorialSensors[i], out var index) ? index : -1;
        }
    }

    public void Flush()
    {
        _readings?.Dispose();
        _readings = null;
        _windows?.Dispose();
        _windows = null;
    }

    public void Dispose()
    {
        Flush();
        _connection.Dispose();
    }

    private string? Extras(ParsedReading reading)
    {
        StringBuilder? extras = null;
        foreach (var index in reading.Sensors)
        {
            if (Array.IndexOf(_sensorIndex, index) >= 0)
            {
                continue;
            }

            extras ??= new StringBuilder("{");
            if (extras.Length > 1)
            {
                extras.Append(", ");
            }

            extras.Append('"').Append(_catalog![index].Name).Append("\": ").Append(reading.Value(index).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }

        return extras?.Append('}').ToString();
    }

    private static DateTime ToDateTime(long micros) => EventTime.ToDateTimeOffset(micros).UtcDateTime;

    private void CreateTables()
    {
        var features = string.Concat(_features.Select(f => $", {Quote(f)} DOUBLE"));
        Execute($"""
            CREATE TABLE IF NOT EXISTS readings (pump_id VARCHAR NOT NULL, time TIMESTAMP NOT NULL, temperature DOUBLE, pressure DOUBLE, flow_rate DOUBLE, vibration DOUBLE, extras VARCHAR);
            CREATE TABLE IF NOT EXISTS windows (pump_id VARCHAR NOT NULL, window_start TIMESTAMP NOT NULL, window_end TIMESTAMP NOT NULL, readings INTEGER, score DOUBLE, threshold DOUBLE, model_id VARCHAR{features});
            CREATE TABLE IF NOT EXISTS alerts (alert_id VARCHAR, event VARCHAR, pump_id VARCHAR, severity VARCHAR, window_start TIMESTAMP, window_end TIMESTAMP, score DOUBLE, threshold DOUBLE, model_id VARCHAR, json VARCHAR, text VARCHAR);
            CREATE TABLE IF NOT EXISTS quarantine (pump_id VARCHAR, time TIMESTAMP, reason VARCHAR, detail VARCHAR, raw VARCHAR);
            """);
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
