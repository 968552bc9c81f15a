using System.Text;
using PumpWatch.Aws.Timestream.Query;
using PumpWatch.Aws.Timestream.Query.Model;
using PumpWatch.Core.Readings;
using PumpWatch.Core.Storage;

namespace PumpWatch.Aws.Timestream.Store;

/// <summary>
/// The read side of the Timestream store: SQL over the <see cref="TimestreamSchema"/> tables of one database and site,
/// followed to the last page, mapped back to the store's rows (an absent or null measure reads as NaN, "" or null as the
/// in-memory store gives them). <see cref="IResultReader"/> is synchronous, so each call waits for its query; the clients
/// never resume on the caller's context, so that wait cannot deadlock.
/// </summary>
/// <remarks>
/// Timestream reads are eventually consistent: rows written a moment ago may not show yet. Quarantined records are
/// filtered by time and pump here rather than in SQL: the attributes they would filter on exist as columns only once some
/// record had them, and a query naming a column the table never had fails; the quarantine table is small.
/// </remarks>
public sealed class TimestreamResultReader : IResultReader
{
    private static readonly HashSet<string> NotSensors = new(StringComparer.Ordinal)
    {
        TimestreamSchema.PumpId, TimestreamSchema.Site, TimestreamSchema.MeasureNameColumn, TimestreamSchema.TimeColumn,
    };

    private readonly ITimestreamQueryClient _client;
    private readonly TimestreamStoreOptions _options;
    private readonly IReadOnlyList<string> _features;

    /// <param name="client">The Timestream Query client.</param>
    /// <param name="options">Database and site to read.</param>
    /// <param name="featureNames">The window features to read back, as the writer stored them.</param>
    public TimestreamResultReader(ITimestreamQueryClient client, TimestreamStoreOptions options, IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentException.ThrowIfNullOrEmpty(options.DatabaseName);
        ArgumentException.ThrowIfNullOrEmpty(options.ReadingsTable);
        _client = client;
        _options = options;
        _features = featureNames;
    }

    public IEnumerable<Reading> Readings(StoreQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Pumps is { Count: 0 } ? [] : ReadingRows(ReadingsSql(query));
    }

    public IReadOnlyList<StoredWindow> Windows(StoreQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Pumps is { Count: 0 } ? [] : [.. Rows(WindowsSql(query)).Select(Window)];
    }

    public IReadOnlyList<StoredAlert> Alerts(StoreQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Pumps is { Count: 0 } ? [] : [.. Rows(AlertsSql(query)).Select(Alert)];
    }

    public IReadOnlyList<StoredQuarantine> Quarantined(StoreQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var quarantined = new List<StoredQuarantine>();
        foreach (var row in Rows(QuarantineSql()))
        {
            var pump = row.GetString(TimestreamSchema.PumpId);
            var time = row.GetInt64(TimestreamSchema.EventTime);
            // The in-memory store's rule: no time matches only an unbounded range, no pump only a query for all pumps.
            var included = time is { } t
                ? pump is not null ? query.Includes(pump, t) : query.Pumps is null && query.Includes("", t)
                : query.From is null && query.To is null && (query.Pumps is null || (pump is not null && query.Pumps.Contains(pump)));
            if (included)
            {
                quarantined.Add(new StoredQuarantine(pump, time, row.GetString(TimestreamSchema.Reason) ?? "",
                    row.GetString(TimestreamSchema.Detail) ?? "", row.GetString(TimestreamSchema.Raw)));
            }
        }

        return quarantined;
    }

    /// <summary>Readings in [From, To) of the pumps asked for, in time then pump order.</summary>
    internal string ReadingsSql(StoreQuery query) =>
        Select(_options.ReadingsTable, TimestreamSchema.ReadingMeasure, query, TimestreamSchema.TimeColumn)
        + " ORDER BY " + TimestreamSql.Identifier(TimestreamSchema.TimeColumn) + ", " + TimestreamSql.Identifier(TimestreamSchema.PumpId);

    /// <summary>Windows whose start (the record time) lies in [From, To), by end then pump.</summary>
    internal string WindowsSql(StoreQuery query) =>
        Select(TimestreamSchema.WindowsTable, TimestreamSchema.WindowMeasure, query, TimestreamSchema.TimeColumn)
        + " ORDER BY " + TimestreamSql.Identifier(TimestreamSchema.WindowEnd) + ", " + TimestreamSql.Identifier(TimestreamSchema.PumpId);

    /// <summary>Alert events whose window end (the record time) lies in [From, To), by window end then pump.</summary>
    internal string AlertsSql(StoreQuery query) =>
        Select(TimestreamSchema.AlertsTable, TimestreamSchema.AlertMeasure, query, TimestreamSchema.TimeColumn)
        + " ORDER BY " + TimestreamSql.Identifier(TimestreamSchema.TimeColumn) + ", " + TimestreamSql.Identifier(TimestreamSchema.PumpId);

    /// <summary>Every quarantined record of the site in arrival order (filtered afterwards, see the remarks).</summary>
    internal string QuarantineSql() =>
        Select(TimestreamSchema.QuarantineTable, TimestreamSchema.QuarantineMeasure, StoreQuery.All, TimestreamSchema.TimeColumn)
        + " ORDER BY " + TimestreamSql.Identifier(TimestreamSchema.TimeColumn);

    private string Select(string table, string measure, StoreQuery query, string timeColumn)
    {
        var sql = new StringBuilder("SELECT * FROM ").Append(TimestreamSql.Table(_options.DatabaseName, table))
            .Append(" WHERE ").Append(TimestreamSql.Identifier(TimestreamSchema.MeasureNameColumn)).Append(" = ").Append(TimestreamSql.Literal(measure))
            .Append(" AND ").Append(TimestreamSql.Identifier(TimestreamSchema.Site)).Append(" = ").Append(TimestreamSql.Literal(_options.Site));
        if (query.From is { } from)
        {
            sql.Append(" AND ").Append(TimestreamSql.Identifier(timeColumn)).Append(" >= ").Append(TimestreamSql.Timestamp(from));
        }

        if (query.To is { } to)
        {
            sql.Append(" AND ").Append(TimestreamSql.Identifier(timeColumn)).Append(" < ").Append(TimestreamSql.Timestamp(to));
        }

        if (query.Pumps is { } pumps)
        {
            sql.Append(" AND ").Append(TimestreamSql.Identifier(TimestreamSchema.PumpId)).Append(" IN (")
                .AppendJoin(", ", pumps.Order(StringComparer.Ordinal).Select(TimestreamSql.Literal)).Append(')');
        }

        return sql.ToString();
    }

    private StoredWindow Window(QueryRow row)
    {
        var features = new Dictionary<string, double>(_features.Count, StringComparer.Ordinal);
        foreach (var feature in _features)
        {
            features[feature] = row.GetDouble(feature);
        }

        return new StoredWindow(row.GetString(TimestreamSchema.PumpId) ?? "", Time(row), row.GetInt64(TimestreamSchema.WindowEnd) ?? 0,
            (int)(row.GetInt64(TimestreamSchema.ReadingCount) ?? 0), row.GetDouble(TimestreamSchema.Score), row.GetDouble(TimestreamSchema.Threshold),
            row.GetString(TimestreamSchema.ModelId), features);
    }

    private static StoredAlert Alert(QueryRow row) =>
        new(row.GetString(TimestreamSchema.AlertId) ?? "", row.GetString(TimestreamSchema.AlertEvent) ?? "",
            row.GetString(TimestreamSchema.PumpId) ?? "", row.GetString(TimestreamSchema.Severity) ?? "",
            row.GetInt64(TimestreamSchema.WindowStart) ?? 0, Time(row), row.GetDouble(TimestreamSchema.Score), row.GetDouble(TimestreamSchema.Threshold),
            row.GetString(TimestreamSchema.ModelId) ?? "");

    private IEnumerable<Reading> ReadingRows(string sql)
    {
        foreach (var row in Rows(sql))
        {
            var values = new List<KeyValuePair<string, double>>();
            for (var i = 0; i < row.Count; i++)
            {
                var column = row.Columns[i];
                if (column?.Name is { } name && !NotSensors.Contains(name) && column.Type?.ScalarType == ScalarType.Double && !row[i].IsNull)
                {
                    values.Add(new(name, row[i].AsDouble()));
                }
            }

            yield return new Reading(row.GetString(TimestreamSchema.PumpId) ?? "", Time(row), values);
        }
    }

    private static long Time(QueryRow row) =>
        row.GetEventTime(TimestreamSchema.TimeColumn) ?? throw new FormatException("a Timestream row has no time");

    /// <summary>The query's rows, page by page as the caller reads them.</summary>
    private IEnumerable<QueryRow> Rows(string sql)
    {
        var rows = _client.QueryRowsAsync(sql).GetAsyncEnumerator();
        try
        {
            while (rows.MoveNextAsync().AsTask().GetAwaiter().GetResult())
            {
                yield return rows.Current;
            }
        }
        finally
        {
            rows.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
