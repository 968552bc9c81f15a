using PumpWatch.Aws.Tests.Fakes;
using PumpWatch.Aws.Timestream.Store;
using PumpWatch.Core.Storage;

namespace PumpWatch.Aws.Tests.Timestream;

/// <summary>
/// The store reader's SQL (written out by hand) and its mapping of Query responses, written from the QueryResponse shape
/// with the columns a multi-measure table returns for <c>SELECT *</c>: dimensions, measure_name, time, then the attributes.
/// </summary>
public sealed class TimestreamResultReaderTests
{
    private const long T0 = 1_777_593_600_000_000; // 2026-05-01T00:00:00Z
    private const long Minute = 60_000_000;

    /// <summary>Text to double is exact: a literal and the same digits parsed give the same double.</summary>
    private const double ParseTolerance = 0;

    private static readonly string[] Features = ["vibration.mean", "pressure_flow_ratio"];
    private static readonly TimestreamStoreOptions Options = new("pumpwatch") { Site = "plant-a" };

    private static string Column(string name, string type) => $$$"""{"Name":"{{{name}}}","Type":{"ScalarType":"{{{type}}}"}}""";

    private static string Scalar(string? value) => value is null ? """{"NullValue":true}""" : $$"""{"ScalarValue":"{{value}}"}""";

    private static FakeResponse Result(string[] columns, params string?[][] rows) => FakeResponse.Json(200,
        $$$"""{"QueryId":"AEBQEAMYNBGX","Rows":[{{{string.Join(',', rows.Select(r => $$$"""{"Data":[{{{string.Join(',', r.Select(Scalar))}}}]}"""))}}}],"ColumnInfo":[{{{string.Join(',', columns)}}}]}""");

    private static string QueryString(FakeRequest request) => TimestreamResponses.Body(request).GetProperty("QueryString").GetString()!;

    private static (TimestreamResultReader Reader, IDisposable Cleanup) Create(FakeAwsServer server)
    {
        var http = Clients.Http();
        var client = TimestreamClients.Query(http, TimestreamClients.Options(server.Url));
        return (new TimestreamResultReader(client, Options, Features), new Both(client, http));
    }

    [Fact]
    public async Task Readings_query_filters_measure_site_half_open_time_range_and_pumps_and_maps_non_null_doubles()
    {
        string[] columns =
        [
            Column("pump_id", "VARCHAR"), Column("site", "VARCHAR"), Column("measure_name", "VARCHAR"), Column("time", "TIMESTAMP"),
            Column("motor_current", "DOUBLE"), Column("temperature", "DOUBLE"), Column("vibration", "DOUBLE"),
        ];
        await using var server = FakeAwsServer.Sequence(Result(columns,
            ["a", "plant-a", "reading", "2026-05-01 00:02:00.000000000", null, "70.5", "1.25"],
            ["c", "plant-a", "reading", "2026-05-01 00:02:00.000001000", "41.5", null, null]));
        var (reader, cleanup) = Create(server);
        using var _ = cleanup;

        var readings = reader.Readings(new StoreQuery(T0 + (2 * Minute), T0 + (5 * Minute), new HashSet<string> { "c", "a" })).ToList();

        Assert.Equal(
            "SELECT * FROM \"pumpwatch\".\"readings\" WHERE \"measure_name\" = 'reading' AND \"site\" = 'plant-a'"
            + " AND \"time\" >= from_nanoseconds(1777593720000000000) AND \"time\" < from_nanoseconds(1777593900000000000)"
            + " AND \"pump_id\" IN ('a', 'c') ORDER BY \"time\", \"pump_id\"",
            QueryString(Assert.Single(server.Requests)));
        Assert.Equal([("a", T0 + (2 * Minute)), ("c", T0 + (2 * Minute) + 1)], readings.Select(r => (r.PumpId, r.Timestamp)));
        Assert.Equal(["temperature", "vibration"], readings[0].Values.Select(v => v.Key));
        Assert.Equal(70.5, readings[0].Values[0].Value, ParseTolerance);
        Assert.Equal(1.25, readings[0].Values[1].Value, ParseTolerance);
        Assert.Equal("motor_current", Assert.Single(readings[1].Values).Key);
    }

    [Fact]
    public async Task Quotes_in_pump_ids_and_names_are_doubled_not_spliced()
    {
        await using var server = FakeAwsServer.Sequence(Result([Column("pump_id", "VARCHAR")]));
        var http = Clients.Http();
        using var client = TimestreamClients.Query(http, TimestreamClients.Options(server.Url));
        using var __ = http;
        var reader = new TimestreamResultReader(client, new TimestreamStoreOptions("my\"db") { Site = "o'site" }, Features);

        _ = reader.Windows(new StoreQuery(Pumps: new HashSet<string> { "o'brien" }));

        Assert.Equal(
            "SELECT * FROM \"my\"\"db\".\"windows\" WHERE \"measure_name\" = 'window' AND \"site\" = 'o''site'"
            + " AND \"pump_id\" IN ('o''brien') ORDER BY \"window_end_us\", \"pump_id\"",
            QueryString(Assert.Single(server.Requests)));
    }

    [Fact]
    public async Task Windows_map_scores_features_and_the_absence_of_a_score_column()
    {
        // No window of this result was ever scored, so the table has no score, threshold or model_id column at all.
        string[] columns =
        [
            Column("pump_id", "VARCHAR"), Column("site", "VARCHAR"), Column("measure_name", "VARCHAR"), Column("time", "TIMESTAMP"),
            Column("complete", "BOOLEAN"), Column("pressure_flow_ratio", "DOUBLE"), Column("reading_count", "BIGINT"),
            Column("vibration.mean", "DOUBLE"), Column("window_end_us", "BIGINT"),
        ];
        await using var server = FakeAwsServer.Sequence(Result(columns,
            ["2", "plant-a", "window", "2026-05-01 00:00:00.000000000", "true", null, "59", "1.5", "1777593660000000"]));
        var (reader, cleanup) = Create(server);
        using var _ = cleanup;

        var window = Assert.Single(reader.Windows(new StoreQuery(From: T0)));

        Assert.Equal(("2", T0, T0 + Minute, 59, (string?)null), (window.PumpId, window.Start, window.End, window.Readings, window.ModelId));
        Assert.True(double.IsNaN(window.Score));
        Assert.True(double.IsNaN(window.Threshold));
        Assert.Equal(1.5, window.Features["vibration.mean"], ParseTolerance);
        Assert.True(double.IsNaN(window.Features["pressure_flow_ratio"]));
        Assert.Contains("\"time\" >= from_nanoseconds(1777593600000000000) ORDER BY \"window_end_us\", \"pump_id\"", QueryString(Assert.Single(server.Requests)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alerts_map_every_stored_field()
    {
        string[] columns =
        [
            Column("alert_id", "VARCHAR"), Column("event", "VARCHAR"), Column("pump_id", "VARCHAR"), Column("site", "VARCHAR"),
            Column("measure_name", "VARCHAR"), Column("time", "TIMESTAMP"), Column("model_id", "VARCHAR"), Column("score", "DOUBLE"),
            Column("severity", "VARCHAR"), Column("threshold", "DOUBLE"), Column("top_feature", "VARCHAR"), Column("window_start_us", "BIGINT"),
        ];
        await using var server = FakeAwsServer.Sequence(Result(columns,
            ["3@x", "opened", "3", "plant-a", "alert", "2026-05-01 00:01:00.000000000", "if-abc", "0.72", "critical", "0.58", "vibration.mean", "1777593600000000"],
            ["3@x/silent", "pump_silent", "3", "plant-a", "alert", "2026-05-01 00:05:00.000000000", null, null, "warning", null, null, "1777593840000000"]));
        var (reader, cleanup) = Create(server);
        using var _ = cleanup;

        var alerts = reader.Alerts(StoreQuery.All);

        Assert.Equal(
            "SELECT * FROM \"pumpwatch\".\"alerts\" WHERE \"measure_name\" = 'alert' AND \"site\" = 'plant-a' ORDER BY \"time\", \"pump_id\"",
            QueryString(Assert.Single(server.Requests)));
        Assert.Equal(new StoredAlert("3@x", "opened", "3", "critical", T0, T0 + Minute, 0.72, 0.58, "if-abc"), alerts[0]);
        Assert.Equal(("3@x/silent", "pump_silent", "", T0 + (4 * Minute), T0 + (5 * Minute)), (alerts[1].AlertId, alerts[1].Event, alerts[1].ModelId, alerts[1].WindowStart, alerts[1].WindowEnd));
        Assert.True(double.IsNaN(alerts[1].Score));
    }

    [Fact]
    public async Task Quarantined_records_follow_the_in_memory_stores_rule_for_missing_time_and_pump()
    {
        string[] columns =
        [
            Column("pump_id", "VARCHAR"), Column("site", "VARCHAR"), Column("measure_name", "VARCHAR"), Column("time", "TIMESTAMP"),
            Column("detail", "VARCHAR"), Column("event_time_us", "BIGINT"), Column("raw", "VARCHAR"), Column("raw_bytes", "BIGINT"), Column("reason", "VARCHAR"),
        ];
        string?[][] rows =
        [
            [null, "plant-a", "quarantined", "2026-06-01 12:00:00.000000000", "unexpected end", null, "{\\\"pump_id\\\": 1, ", "15", "malformed_json"],
            ["7", "plant-a", "quarantined", "2026-06-01 12:00:00.000001000", "pressure = -5", "1777593600000000", null, null, "out_of_range"],
            [null, "plant-a", "quarantined", "2026-06-01 12:00:00.000002000", null, "1777593660000000", null, null, "missing_pump_id"],
        ];
        await using var server = new FakeAwsServer((_, _) => Result(columns, rows));
        var (reader, cleanup) = Create(server);
        using var _ = cleanup;

        var all = reader.Quarantined(StoreQuery.All);
        var ranged = reader.Quarantined(new StoreQuery(From: T0));
        var pump7 = reader.Quarantined(new StoreQuery(Pumps: new HashSet<string> { "7" }));

        Assert.Equal(
            [new StoredQuarantine(null, null, "malformed_json", "unexpected end", "{\"pump_id\": 1, "),
             new StoredQuarantine("7", T0, "out_of_range", "pressure = -5", null),
             new StoredQuarantine(null, T0 + Minute, "missing_pump_id", "", null)],
            all);
        Assert.Equal(["7", null], ranged.Select(q => q.PumpId)); // no time: only an unbounded range
        Assert.Equal(["out_of_range"], pump7.Select(q => q.Reason)); // no pump: only a query for all pumps
        Assert.All(server.Requests, r => Assert.Equal(
            "SELECT * FROM \"pumpwatch\".\"quarantine\" WHERE \"measure_name\" = 'quarantined' AND \"site\" = 'plant-a' ORDER BY \"time\"", QueryString(r)));
    }

    [Fact]
    public async Task An_empty_pump_set_reads_nothing_without_asking()
    {
        await using var server = FakeAwsServer.Sequence(Result([Column("pump_id", "VARCHAR")]));
        var (reader, cleanup) = Create(server);
        using var _ = cleanup;
        var none = new StoreQuery(Pumps: new HashSet<string>());

        Assert.Empty(reader.Readings(none));
        Assert.Empty(reader.Windows(none));
        Assert.Empty(reader.Alerts(none));
        Assert.Empty(server.Requests);
    }

    private sealed class Both(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }
}
