using PumpWatch.Aws.Timestream.Store;
using PumpWatch.Core.Readings;
using S = PumpWatch.Aws.Timestream.Store.TimestreamSchema;

namespace PumpWatch.Cli.Dashboard;

/// <summary>
/// Every dashboard panel and its queries, defined once: the local page serves them over DuckDB, and Grafana dashboards
/// over Timestream are to be generated from the same entries. The first four are the seed tutorial's QuickSight visuals
/// (line chart of readings per pump, temperature against pressure coloured by anomaly, anomaly count per pump, current
/// readings as KPIs); the rest show the detector and the pipeline. The Timestream queries name only what
/// <see cref="TimestreamResultWriter"/> writes, through <see cref="TimestreamSchema"/>'s constants.
/// </summary>
/// <remarks>
/// Time placement, the same in both stores: a reading by its time, a window and an alert by their start for the range
/// filter and by their end on the chart (a score is known when its window closes). In Timestream a window's record time
/// is its start and its end is <see cref="TimestreamSchema.WindowEnd"/>; an alert's record time is its window's end and
/// the start is <see cref="TimestreamSchema.WindowStart"/>; both are microseconds, turned into timestamps with
/// <c>from_nanoseconds(x * 1000)</c>. A quarantined record's Timestream time is its arrival at the writer (its own time
/// may be unreadable), so that panel filters by arrival there. The database is Grafana's <c>$__database</c> (the query's
/// or the data source's, as configured), never a name written here. Alerts in Timestream keep the top feature, not the
/// formatted explanation, so the Grafana alert table shows <see cref="TimestreamSchema.TopFeature"/> where the page
/// shows the text.
/// </remarks>
public static class DashboardPanels
{
    /// <summary>The identifier placeholder that a DuckDB query's sensor column is written as.</summary>
    public const string SensorPlaceholder = "${sensor}";

    /// <summary>
    /// Where a DuckDB query narrows to the chosen pumps: <c>list_contains($pumps, pump_id)</c>, or <c>true</c> when every
    /// pump is chosen (a test per row saved: 12% of a 10 M-reading aggregation).
    /// </summary>
    public const string PumpFilterPlaceholder = "${pump_filter}";

    /// <summary>Most readings the scatter panel draws: a uniform sample of the range when it holds more.</summary>
    public const int ScatterSample = 4000;

    /// <summary>
    /// The sensor picker's sensors with their normal operating range: the seed tutorial's value ranges (temperature
    /// 50-100, pressure 100-500, flow_rate 200-1000, vibration 0.1-5.0), in the units of <see cref="SensorSpec.Defaults"/>.
    /// </summary>
    public static IReadOnlyList<DashboardSensor> Sensors { get; } =
    [
        new(TutorialSensors.Temperature, "degC", 50, 100),
        new(TutorialSensors.Pressure, "psi", 100, 500),
        new(TutorialSensors.FlowRate, "US gal/min", 200, 1000),
        new(TutorialSensors.Vibration, "mm/s RMS", 0.1, 5.0),
    ];

    private const string Pumps = PumpFilterPlaceholder;
    private const string TimestreamPumps = $"{S.PumpId} IN (${{pump:singlequote}})";

    // The panel's own table (PanelQuery.TimestreamTable) and, for the scatter's join, the windows table by name.
    private const string Table = "$__database.$__table";
    private const string WindowsTable = $"$__database.{S.WindowsTable}";
    private const string Readings = $"{S.MeasureNameColumn} = '{S.ReadingMeasure}'";
    private const string Windows = $"{S.MeasureNameColumn} = '{S.WindowMeasure}'";
    private const string Alerts = $"{S.MeasureNameColumn} = '{S.AlertMeasure}'";
    private const string Quarantined = $"{S.MeasureNameColumn} = '{S.QuarantineMeasure}'";
    private const string WindowEndTime = $"from_nanoseconds({S.WindowEnd} * 1000)";
    private const string AlertWindowStartTime = $"from_nanoseconds({S.WindowStart} * 1000)";

    // The Lambda's tumbling windows are at most 15 minutes (TumblingWindowInSeconds 0-900, AWS Lambda developer guide,
    // "Using Lambda with Kinesis"): a window covering a reading of the range started at most that long before it.
    private const string LongestWindow = "15m";

    // $__timeFilter names an unqualified time column, which a join makes ambiguous: Grafana's ${__from} and ${__to} are epoch ms.
    private const string GrafanaFrom = "from_milliseconds(${__from})";
    private const string GrafanaTo = "from_milliseconds(${__to})";
    private const string GrafanaRange = $"{GrafanaFrom} AND {GrafanaTo}";

    public static IReadOnlyList<DashboardPanel> All { get; } =
    [
        new("current_values", "Current readings", "stat", "",
            "The newest value of each sensor of each pump in the last hour of the range (a pump silent for longer has none), against its normal operating range (the tutorial's KPIs).",
            [
                new("A",
                    $"""
                    SELECT pump_id, epoch_ms(max(time)) AS time_ms,
                           arg_max(temperature, time) AS temperature, arg_max(pressure, time) AS pressure,
                           arg_max(flow_rate, time) AS flow_rate, arg_max(vibration, time) AS vibration
                    FROM readings
                    WHERE time >= greatest($from, $to - INTERVAL 1 HOUR) AND time < $to AND {Pumps}
                    GROUP BY pump_id
                    ORDER BY pump_id
                    """,
                    $"""
                    SELECT pump_id, max(time) AS time,
                           max_by(temperature, time) AS temperature, max_by(pressure, time) AS pressure,
                           max_by(flow_rate, time) AS flow_rate, max_by(vibration, time) AS vibration
                    FROM {Table}
                    WHERE time BETWEEN greatest({GrafanaFrom}, {GrafanaTo} - 1h) AND {GrafanaTo}
                      AND {Readings} AND {TimestreamPumps}
                    GROUP BY pump_id
                    ORDER BY pump_id
                    """,
                    S.ReadingsTable),
            ]),
        new("sensor_readings", "Sensor readings", "timeseries", "",
            "The chosen sensor over time, one line per pump: its mean per time bucket (the tutorial's line chart).",
            [
                new("A",
                    $"""
                    SELECT pump_id, (epoch_us(time) // $bucket_us) * ($bucket_us // 1000) AS time_ms, avg({SensorPlaceholder}) AS value
                    FROM readings
                    WHERE time >= $from AND time < $to AND {Pumps} AND {SensorPlaceholder} IS NOT NULL
                    GROUP BY ALL
                    ORDER BY time_ms, pump_id
                    """,
                    $"""
                    SELECT pump_id, bin(time, $__interval_ms) AS time, avg($sensor) AS value
                    FROM {Table}
                    WHERE $__timeFilter AND {Readings} AND {TimestreamPumps} AND $sensor IS NOT NULL
                    GROUP BY pump_id, bin(time, $__interval_ms)
                    ORDER BY time ASC
                    """,
                    S.ReadingsTable),
            ]),
        new("temperature_vs_pressure", "Temperature against pressure", "xychart", "",
            $"Readings of the range (a uniform sample of {ScatterSample} when there are more), anomalous when the window that covers the reading scored above its threshold (the tutorial's scatter plot).",
            [
                new("A",
                    $"""
                    WITH sample AS (
                        SELECT * FROM (
                            SELECT pump_id, time, temperature, pressure
                            FROM readings
                            WHERE time >= $from AND time < $to AND {Pumps} AND temperature IS NOT NULL AND pressure IS NOT NULL)
                        USING SAMPLE reservoir({ScatterSample} ROWS) REPEATABLE (1))
                    SELECT s.pump_id, epoch_ms(s.time) AS time_ms, s.temperature, s.pressure,
                           coalesce(s.time < w.window_end AND w.score > w.threshold, false) AS anomaly
                    FROM sample s ASOF LEFT JOIN windows w ON s.pump_id = w.pump_id AND s.time >= w.window_start
                    ORDER BY time_ms, s.pump_id
                    """,
                    $"""
                    SELECT r.pump_id, r.time, r.temperature, r.pressure,
                           max(CASE WHEN w.score > w.threshold THEN 1 ELSE 0 END) AS anomaly
                    FROM {Table} r
                    LEFT JOIN {WindowsTable} w
                      ON w.pump_id = r.pump_id AND w.site = r.site AND w.{Windows}
                      AND w.time BETWEEN {GrafanaFrom} - {LongestWindow} AND {GrafanaTo}
                      AND r.time >= w.time AND r.time < from_nanoseconds(w.{S.WindowEnd} * 1000)
                    WHERE r.time BETWEEN {GrafanaRange}
                      AND r.{Readings} AND r.{TimestreamPumps}
                      AND r.temperature IS NOT NULL AND r.pressure IS NOT NULL
                    GROUP BY r.pump_id, r.time, r.temperature, r.pressure
                    ORDER BY r.time DESC
                    LIMIT {ScatterSample}
                    """,
                    S.ReadingsTable),
            ]),
        new("anomalies_per_pump", "Anomalous windows per pump", "barchart", "windows",
            "Windows in the range whose anomaly score exceeded the model's threshold, per pump, of all scored windows (the tutorial's bar chart).",
            [
                new("A",
                    $"""
                    SELECT pump_id, count(*) FILTER (WHERE score > threshold) AS anomalous_windows, count(score) AS scored_windows
                    FROM windows
                    WHERE window_start >= $from AND window_start < $to AND {Pumps}
                    GROUP BY pump_id
                    ORDER BY pump_id
                    """,
                    $"""
                    SELECT pump_id, sum(CASE WHEN score > threshold THEN 1 ELSE 0 END) AS anomalous_windows, count(score) AS scored_windows
                    FROM {Table}
                    WHERE $__timeFilter AND {Windows} AND {TimestreamPumps}
                    GROUP BY pump_id
                    ORDER BY pump_id
                    """,
                    S.WindowsTable),
            ]),
        new("anomaly_score", "Anomaly score", "timeseries", "",
            "Each pump's highest window score per time bucket against the model's threshold (A), with alerts opened or escalated marked (B).",
            [
                new("A",
                    $"""
                    SELECT pump_id, (epoch_us(window_end) // $bucket_us) * ($bucket_us // 1000) AS time_ms, max(score) AS score, max(threshold) AS threshold
                    FROM windows
                    WHERE window_start >= $from AND window_start < $to AND {Pumps} AND score IS NOT NULL
                    GROUP BY ALL
                    ORDER BY time_ms, pump_id
                    """,
                    $"""
                    SELECT pump_id, bin({WindowEndTime}, $__interval_ms) AS time, max(score) AS score, max(threshold) AS threshold
                    FROM {Table}
                    WHERE $__timeFilter AND {Windows} AND {TimestreamPumps} AND score IS NOT NULL
                    GROUP BY pump_id, bin({WindowEndTime}, $__interval_ms)
                    ORDER BY time ASC
                    """,
                    S.WindowsTable),
                new("B",
                    $"""
                    SELECT pump_id, epoch_ms(window_end) AS time_ms, event, severity, score, alert_id
                    FROM alerts
                    WHERE window_start >= $from AND window_start < $to AND {Pumps} AND event IN ('opened', 'escalated')
                    ORDER BY time_ms, pump_id
                    LIMIT 1000
                    """,
                    $"""
                    SELECT pump_id, time, event, severity, score, alert_id
                    FROM {Table}
                    WHERE {AlertWindowStartTime} BETWEEN {GrafanaRange} AND time >= {GrafanaFrom}
                      AND {Alerts} AND {TimestreamPumps} AND event IN ('opened', 'escalated')
                    ORDER BY time ASC
                    LIMIT 1000
                    """,
                    S.AlertsTable),
            ]),
        new("alerts", "Alerts", "table", "",
            "The newest 200 alert events in the range with the explanation each carries: top features against the training baseline, vibration zone, likely cause.",
            [
                new("A",
                    $"""
                    SELECT epoch_ms(window_end) AS time_ms, pump_id, event, severity, score, threshold, alert_id, text
                    FROM alerts
                    WHERE window_start >= $from AND window_start < $to AND {Pumps}
                    ORDER BY window_end DESC, pump_id, event
                    LIMIT 200
                    """,
                    $"""
                    SELECT time, pump_id, event, severity, score, threshold, alert_id, top_feature
                    FROM {Table}
                    WHERE {AlertWindowStartTime} BETWEEN {GrafanaRange} AND time >= {GrafanaFrom}
                      AND {Alerts} AND {TimestreamPumps}
                    ORDER BY time DESC
                    LIMIT 200
                    """,
                    S.AlertsTable),
            ]),
        new("readings_per_second", "Readings per second", "timeseries", "readings/s",
            "Readings stored per second of data time, all pumps, averaged over each time bucket.",
            [
                new("A",
                    """
                    SELECT (epoch_us(time) // $bucket_us) * ($bucket_us // 1000) AS time_ms, count(*) * 1e6 / $bucket_us AS readings_per_second
                    FROM readings
                    WHERE time >= $from AND time < $to
                    GROUP BY ALL
                    ORDER BY time_ms
                    """,
                    $"""
                    SELECT bin(time, $__interval_ms) AS time, count(*) * 1000.0 / to_milliseconds($__interval_ms) AS readings_per_second
                    FROM {Table}
                    WHERE $__timeFilter AND {Readings}
                    GROUP BY bin(time, $__interval_ms)
                    ORDER BY time ASC
                    """,
                    S.ReadingsTable),
            ]),
        new("quarantined_by_reason", "Quarantined by reason", "barchart", "records",
            "Records set aside in the range, per reason; with the whole range chosen, every one, also those whose time could not be read.",
            [
                new("A",
                    """
                    SELECT reason, count(*) AS quarantined
                    FROM quarantine
                    WHERE $all OR (time >= $from AND time < $to)
                    GROUP BY reason
                    ORDER BY quarantined DESC, reason
                    """,
                    $"""
                    SELECT reason, count(*) AS quarantined
                    FROM {Table}
                    WHERE $__timeFilter AND {Quarantined}
                    GROUP BY reason
                    ORDER BY quarantined DESC, reason
                    """,
                    S.QuarantineTable),
            ]),
        new("windows_scored", "Windows scored", "timeseries", "windows",
            "Windows closed per time bucket, all pumps: scored, and stored without a score (too few readings, or before a model).",
            [
                new("A",
                    """
                    SELECT (epoch_us(window_end) // $bucket_us) * ($bucket_us // 1000) AS time_ms, count(score) AS scored, count(*) - count(score) AS not_scored
                    FROM windows
                    WHERE window_start >= $from AND window_start < $to
                    GROUP BY ALL
                    ORDER BY time_ms
                    """,
                    $"""
                    SELECT bin({WindowEndTime}, $__interval_ms) AS time, count(score) AS scored, count(*) - count(score) AS not_scored
                    FROM {Table}
                    WHERE $__timeFilter AND {Windows}
                    GROUP BY bin({WindowEndTime}, $__interval_ms)
                    ORDER BY time ASC
                    """,
                    S.WindowsTable),
            ]),
    ];

    /// <summary>The panel with this id, or null.</summary>
    public static DashboardPanel? Find(string id) => All.FirstOrDefault(p => p.Id == id);

    /// <summary>The picker's sensor with this name, or null.</summary>
    public static DashboardSensor? FindSensor(string name) => Sensors.FirstOrDefault(s => s.Name == name);
}
