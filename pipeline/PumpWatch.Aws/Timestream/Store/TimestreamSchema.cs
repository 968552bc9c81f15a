namespace PumpWatch.Aws.Timestream.Store;

/// <summary>
/// Every table, dimension, measure name and attribute name of PumpWatch's Timestream database, defined once: the store
/// writes and reads them, and the Grafana dashboards query them. Each table holds multi-measure records (MeasureValueType
/// MULTI) of one measure name, with the dimensions <see cref="PumpId"/> (each record's own, so that one WriteRecords call
/// carries many pumps' records) and <see cref="Site"/> (shared per call in CommonAttributes with the measure name, MULTI
/// and the time unit) and time in microseconds (TimeUnit MICROSECONDS, the project's event time).
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term><see cref="ReadingsTable"/></term><description>time = event time; one DOUBLE attribute per sensor, named as the
/// reading names it (<c>temperature</c>, <c>pressure</c>, <c>flow_rate</c>, <c>vibration</c>, extras).</description></item>
/// <item><term><see cref="WindowsTable"/></term><description>time = window start; <see cref="WindowEnd"/>, <see cref="ReadingCount"/>,
/// <see cref="Complete"/>, and for scored windows <see cref="Score"/>, <see cref="Threshold"/>, <see cref="ModelId"/>; then one
/// DOUBLE per feature, named as the feature (<c>vibration.mean</c>: quote it in SQL); non-finite values are left out.</description></item>
/// <item><term><see cref="AlertsTable"/></term><description>time = window end; dimensions also <see cref="AlertId"/> and
/// <see cref="AlertEvent"/>; <see cref="WindowStart"/>, <see cref="Severity"/>, <see cref="Score"/>, <see cref="Threshold"/>,
/// <see cref="ModelId"/>, <see cref="TopFeature"/>.</description></item>
/// <item><term><see cref="QuarantineTable"/></term><description>time = when the writer received the record (its version, so
/// unique per writer: two bad records of one pump at one event time are both kept); <see cref="EventTime"/> when the record
/// had a readable time, <see cref="Reason"/>, <see cref="Detail"/> (at most 512 bytes), <see cref="RawBytes"/> and
/// <see cref="Raw"/>, the raw text cut to fit the 2 KB record limit (compare its length with raw_bytes to see the cut).
/// <see cref="PumpId"/> only when known.</description></item>
/// </list>
/// Times inside attributes (<c>..._us</c>) are BIGINT microseconds since the epoch, the unit of the record time, so no
/// TIMESTAMP unit question arises; in SQL <c>from_nanoseconds(window_end_us * 1000)</c> turns one into a timestamp.
/// </remarks>
public static class TimestreamSchema
{
    public const string ReadingsTable = "readings";
    public const string WindowsTable = "windows";
    public const string AlertsTable = "alerts";
    public const string QuarantineTable = "quarantine";

    /// <summary>Dimension: the pump, as the pipeline normalised its id.</summary>
    public const string PumpId = "pump_id";

    /// <summary>Dimension: the site of the deployment that wrote the row (<see cref="TimestreamStoreOptions.Site"/>).</summary>
    public const string Site = "site";

    /// <summary>Alerts dimension: the alert episode (pump and opening window end).</summary>
    public const string AlertId = "alert_id";

    /// <summary>Alerts dimension: opened, escalated, resolved, pump_silent, pump_resumed.</summary>
    public const string AlertEvent = "event";

    /// <summary>measure_name of the readings table's records.</summary>
    public const string ReadingMeasure = "reading";

    /// <summary>measure_name of the windows table's records.</summary>
    public const string WindowMeasure = "window";

    /// <summary>measure_name of the alerts table's records.</summary>
    public const string AlertMeasure = "alert";

    /// <summary>measure_name of the quarantine table's records.</summary>
    public const string QuarantineMeasure = "quarantined";

    /// <summary>Column Timestream gives every table: the record's time.</summary>
    public const string TimeColumn = "time";

    /// <summary>Column Timestream gives every table: the record's measure name.</summary>
    public const string MeasureNameColumn = "measure_name";

    /// <summary>Windows: end of the window, BIGINT microseconds (time is the start).</summary>
    public const string WindowEnd = "window_end_us";

    /// <summary>Windows: readings in the window, BIGINT.</summary>
    public const string ReadingCount = "reading_count";

    /// <summary>Windows: false for a partial window (too few readings to score), BOOLEAN.</summary>
    public const string Complete = "complete";

    /// <summary>Windows and alerts: the anomaly score, DOUBLE (absent for unscored windows).</summary>
    public const string Score = "score";

    /// <summary>Windows and alerts: the model's threshold, DOUBLE.</summary>
    public const string Threshold = "threshold";

    /// <summary>Windows and alerts: the model's id, VARCHAR.</summary>
    public const string ModelId = "model_id";

    /// <summary>Alerts: start of the window the event is about, BIGINT microseconds (time is its end).</summary>
    public const string WindowStart = "window_start_us";

    /// <summary>Alerts: warning or critical, VARCHAR.</summary>
    public const string Severity = "severity";

    /// <summary>Alerts: the feature that contributed most, VARCHAR (absent for silence events).</summary>
    public const string TopFeature = "top_feature";

    /// <summary>Quarantine: the record's own event time when it had a readable one, BIGINT microseconds.</summary>
    public const string EventTime = "event_time_us";

    /// <summary>Quarantine: the reason code (malformed_json, out_of_range, late, ...), VARCHAR.</summary>
    public const string Reason = "reason";

    /// <summary>Quarantine: what was wrong, in words, VARCHAR.</summary>
    public const string Detail = "detail";

    /// <summary>Quarantine: length of the raw record in bytes, BIGINT.</summary>
    public const string RawBytes = "raw_bytes";

    /// <summary>Quarantine: the raw record as UTF-8 text, cut to fit the record limit, VARCHAR.</summary>
    public const string Raw = "raw";

    /// <summary>Every table, in the order a flush writes them.</summary>
    public static IReadOnlyList<string> Tables { get; } = [ReadingsTable, WindowsTable, AlertsTable, QuarantineTable];
}
