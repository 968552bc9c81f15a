using System.Globalization;
using System.Net;
using System.Text.Json;
using DuckDB.NET.Data;
using PumpWatch.Cli.Dashboard;

namespace PumpWatch.Cli.Tests.Dashboard;

/// <summary>
/// Each JSON endpoint against a direct SQL query on the same store, written here independently of the panel catalogue:
/// buckets by DuckDB's time_bucket (not integer division of epoch microseconds), newest values by ORDER BY ... LIMIT 1 (not
/// arg_max), the scatter's anomaly flag by an EXISTS over the windows (not an ASOF join), the range bounds from the
/// newest reading by hand.
/// </summary>
[Collection(DemoStoreCollection.Name)]
public sealed class DashboardEndpointTests(DemoStore demo) : IAsyncLifetime
{
    // Sums and means of the same doubles in another order differ in the last bits.
    private const double Tolerance = 1e-9;
    private const long Hour = 3_600_000_000;
    private DashboardServer? _server;
    private HttpClient? _http;
    private DuckDBConnection? _sql;

    private HttpClient Http => _http!;

    public async Task InitializeAsync()
    {
        _server = await DashboardServer.StartAsync(DashboardStore.Open(demo.Path), 0);
        _http = new HttpClient { BaseAddress = _server.Address };
        _sql = new DuckDBConnection($"Data Source={demo.Path};ACCESS_MODE=READ_ONLY");
        _sql.Open();
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        _sql?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public void Server_ListensOnLoopbackOnly_OnTheFreePortItWasGiven()
    {
        Assert.Equal("127.0.0.1", _server!.Address.Host);
        Assert.NotEqual(0, _server.Address.Port);
    }

    [Fact]
    public async Task Meta_CountsPumpsAndSpan_AreTheStores()
    {
        var meta = await Get("api/meta");
        Assert.Equal(Scalar("SELECT count(*) FROM readings"), meta.GetProperty("readings").GetInt64());
        Assert.Equal(Scalar("SELECT count(*) FROM windows"), meta.GetProperty("windows").GetInt64());
        Assert.Equal(Scalar("SELECT count(*) FROM alerts"), meta.GetProperty("alerts").GetInt64());
        Assert.Equal(Scalar("SELECT count(*) FROM quarantine"), meta.GetProperty("quarantined").GetInt64());
        Assert.Equal(["1", "2", "3"], meta.GetProperty("pumps").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(Scalar("SELECT epoch_ms(min(time)) FROM readings"), meta.GetProperty("first_ms").GetInt64());
        // The newest instant is a reading's or a window's start, whichever is later.
        Assert.Equal(Scalar("SELECT epoch_ms(greatest((SELECT max(time) FROM readings), (SELECT max(window_start) FROM windows)))"), meta.GetProperty("last_ms").GetInt64());
        Assert.False(meta.GetProperty("live").GetBoolean());
        Assert.Equal(DashboardPanels.All.Select(p => p.Id), meta.GetProperty("panels").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.Equal(["15m", "1h", "6h", "all"], meta.GetProperty("ranges").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task SensorReadings_LastHour_AreBucketMeansOfTheChosenPumpsAndSensor()
    {
        var panel = await Get("api/panels/sensor_readings?range=1h&sensor=pressure&pump=1&pump=3");
        // Two lines over an hour: min(600, 4000 / 2) points each, so at least 6 s a bucket: 10 s is the next nice width.
        Assert.Equal(10_000, panel.GetProperty("bucket_ms").GetInt64());
        var (from, to) = LastHour();
        Assert.Equal(Iso(from), panel.GetProperty("from").GetString());
        Assert.Equal(Iso(to), panel.GetProperty("to").GetString());
        var expected = Rows($"""
            SELECT pump_id, epoch_ms(time_bucket(INTERVAL '10 seconds', time)), avg(pressure)
            FROM readings
            WHERE epoch_us(time) >= {from} AND epoch_us(time) < {to} AND pump_id IN ('1', '3') AND pressure IS NOT NULL
            GROUP BY 1, 2 ORDER BY 2, 1
            """);
        Assert.Equal(2 * 360, expected.Count);
        AssertRows(expected, Query(panel, "A"));
    }

    [Fact]
    public async Task SensorReadings_All_CoverTheRunInOneMinuteBuckets()
    {
        var panel = await Get("api/panels/sensor_readings?range=all&sensor=vibration");
        // Three lines over 6 h: min(600, 4000 / 3) points each, at least 36 s a bucket: 60 s.
        Assert.Equal(60_000, panel.GetProperty("bucket_ms").GetInt64());
        var expected = Rows("""
            SELECT pump_id, epoch_ms(time_bucket(INTERVAL '1 minute', time)), avg(vibration)
            FROM readings WHERE vibration IS NOT NULL GROUP BY 1, 2 ORDER BY 2, 1
            """);
        Assert.Equal(3 * 360, expected.Count);
        AssertRows(expected, Query(panel, "A"));
    }

    [Fact]
    public async Task CurrentValues_AreEachPumpsNewestValueOfEachSensor()
    {
        var rows = Query(await Get("api/panels/current_values?range=1h"), "A");
        Assert.Equal(["1", "2", "3"], rows.Select(r => (string)r[0]!));
        foreach (var row in rows)
        {
            var pump = (string)row[0]!;
            Assert.Equal(Scalar($"SELECT epoch_ms(time) FROM readings WHERE pump_id = '{pump}' ORDER BY time DESC LIMIT 1"), Convert.ToInt64(row[1], CultureInfo.InvariantCulture));
            var sensors = new[] { "temperature", "pressure", "flow_rate", "vibration" };
            for (var s = 0; s < sensors.Length; s++)
            {
                var newest = Rows($"SELECT {sensors[s]} FROM readings WHERE pump_id = '{pump}' AND {sensors[s]} IS NOT NULL ORDER BY time DESC LIMIT 1")[0][0];
                Assert.Equal(Convert.ToDouble(newest, CultureInfo.InvariantCulture), Convert.ToDouble(row[2 + s], CultureInfo.InvariantCulture), Tolerance);
            }
        }
    }

    [Fact]
    public async Task Scatter_Last15Minutes_IsEveryReadingColouredByItsWindow()
    {
        var rows = Query(await Get("api/panels/temperature_vs_pressure?range=15m"), "A");
        var to = Scalar("SELECT epoch_us(max(time)) FROM readings") + 1;
        var from = to - (Hour / 4);
        var expected = Rows($"""
            SELECT r.pump_id, epoch_ms(r.time), r.temperature, r.pressure,
                   EXISTS (SELECT 1 FROM windows w WHERE w.pump_id = r.pump_id AND w.window_start <= r.time AND r.time < w.window_end AND w.score > w.threshold)
            FROM readings r
            WHERE epoch_us(r.time) >= {from} AND epoch_us(r.time) < {to} AND r.temperature IS NOT NULL AND r.pressure IS NOT NULL
            ORDER BY 2, 1
            """);
        Assert.InRange(expected.Count, 2500, DashboardPanels.ScatterSample);
        Assert.Contains(expected, r => (bool)r[4]!);
        AssertRows(expected, rows);
    }

    [Fact]
    public async Task Scatter_All_IsASampleOfRealReadingsWithTheirFlags()
    {
        var rows = Query(await Get("api/panels/temperature_vs_pressure?range=all"), "A");
        Assert.Equal(DashboardPanels.ScatterSample, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => ((string)r[0]!, Convert.ToInt64(r[1], CultureInfo.InvariantCulture))).Distinct().Count());
        var all = Rows("""
            SELECT r.pump_id, epoch_ms(r.time), r.temperature, r.pressure,
                   EXISTS (SELECT 1 FROM windows w WHERE w.pump_id = r.pump_id AND w.window_start <= r.time AND r.time < w.window_end AND w.score > w.threshold)
            FROM readings r WHERE r.temperature IS NOT NULL AND r.pressure IS NOT NULL
            """).ToDictionary(r => ((string)r[0]!, Convert.ToInt64(r[1], CultureInfo.InvariantCulture)));
        foreach (var row in rows)
        {
            var truth = all[((string)row[0]!, Convert.ToInt64(row[1], CultureInfo.InvariantCulture))];
            AssertRows([truth], [row]);
        }
    }

    [Fact]
    public async Task AnomaliesPerPump_CountWindowsAboveThreshold()
    {
        foreach (var range in new[] { "all", "1h" })
        {
            var rows = Query(await Get($"api/panels/anomalies_per_pump?range={range}"), "A");
            var (from, to) = range == "all" ? (long.MinValue, long.MaxValue) : LastHour();
            var expected = Rows($"""
                SELECT pump_id, CAST(sum(CASE WHEN score > threshold THEN 1 ELSE 0 END) AS BIGINT), CAST(sum(CASE WHEN score IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT)
                FROM windows WHERE epoch_us(window_start) >= {from} AND epoch_us(window_start) < {to}
                GROUP BY pump_id ORDER BY pump_id
                """);
            Assert.Contains(expected, r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture) > 0);
            AssertRows(expected, rows);
        }
    }

    [Fact]
    public async Task AnomalyScore_IsTheHighestScorePerBucket_WithAlertsOpenedOrEscalatedMarked()
    {
        var panel = await Get("api/panels/anomaly_score?range=all&pump=1&pump=2");
        var bucket = panel.GetProperty("bucket_ms").GetInt64() * 1000;
        Assert.Equal(60_000_000, bucket);
        AssertRows(Rows($"""
            SELECT pump_id, epoch_ms(time_bucket(to_microseconds({bucket}), window_end)), max(score), max(threshold)
            FROM windows WHERE score IS NOT NULL AND pump_id IN ('1', '2') GROUP BY 1, 2 ORDER BY 2, 1
            """), Query(panel, "A"));
        var markers = Rows("""
            SELECT pump_id, epoch_ms(window_end), event, severity, score, alert_id
            FROM alerts WHERE pump_id IN ('1', '2') AND (event = 'opened' OR event = 'escalated') ORDER BY 2, 1
            """);
        Assert.NotEmpty(markers);
        AssertRows(markers, Query(panel, "B"));
    }

    [Fact]
    public async Task Alerts_AreEveryEventNewestFirst_WithTheirExplanation()
    {
        var rows = Query(await Get("api/panels/alerts?range=all"), "A");
        var expected = Rows("SELECT epoch_ms(window_end), pump_id, event, severity, score, threshold, alert_id, text FROM alerts");
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(rows.Select(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)).OrderDescending(), rows.Select(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)));
        var key = (object?[] r) => $"{r[6]}|{r[2]}|{r[0]}";
        AssertRows(expected.OrderBy(key, StringComparer.Ordinal).ToList(), rows.OrderBy(key, StringComparer.Ordinal).ToList());
        Assert.All(rows, r => Assert.Contains("window", (string)r[7]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_ReadingsPerSecond_QuarantineReasons_WindowsScored()
    {
        var rate = await Get("api/panels/readings_per_second?range=1h");
        var (from, to) = LastHour();
        // 1 h, 3 pumps: min(600, 4000 / 3) points, at least 6 s a bucket: 10 s; 3 pumps at 1 Hz is 3 readings/s less quarantined ones.
        AssertRows(Rows($"""
            SELECT epoch_ms(time_bucket(INTERVAL '10 seconds', time)), count(*) / 10.0
            FROM readings WHERE epoch_us(time) >= {from} AND epoch_us(time) < {to} GROUP BY 1 ORDER BY 1
            """), Query(rate, "A"));
        Assert.All(Query(rate, "A"), r => Assert.InRange(Convert.ToDouble(r[1], CultureInfo.InvariantCulture), 2.5, 3.0));

        var quarantined = Query(await Get("api/panels/quarantined_by_reason?range=all"), "A");
        var reasons = Rows("SELECT reason, count(*) FROM quarantine GROUP BY reason");
        Assert.Equal(Scalar("SELECT count(*) FROM quarantine"), quarantined.Sum(r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture)));
        AssertRows(reasons.OrderBy(r => (string)r[0]!, StringComparer.Ordinal).ToList(), quarantined.OrderBy(r => (string)r[0]!, StringComparer.Ordinal).ToList());
        var lastHour = Query(await Get("api/panels/quarantined_by_reason?range=1h"), "A");
        Assert.Equal(Scalar($"SELECT count(*) FROM quarantine WHERE epoch_us(time) >= {from} AND epoch_us(time) < {to}"), lastHour.Sum(r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture)));

        var windows = Query(await Get("api/panels/windows_scored?range=all"), "A");
        AssertRows(Rows("""
            SELECT epoch_ms(time_bucket(INTERVAL '1 minute', window_end)), count(score), count(*) - count(score)
            FROM windows GROUP BY 1 ORDER BY 1
            """), windows);
        Assert.Equal(Scalar("SELECT count(*) FROM windows"), windows.Sum(r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture) + Convert.ToInt64(r[2], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task BadRequests_AreAnsweredWithOneLineErrors()
    {
        await AssertError("api/panels/nope", HttpStatusCode.NotFound, "no panel 'nope'");
        await AssertError("api/panels/alerts?range=2d", HttpStatusCode.BadRequest, "range '2d' is not one of 15m, 1h, 6h, all");
        await AssertError("api/panels/sensor_readings?sensor=rpm", HttpStatusCode.BadRequest, "sensor 'rpm' is not one of temperature");
        await AssertError("api/panels/sensor_readings?sensor=temperature%22%3B%20DROP%20TABLE%20readings%3B--", HttpStatusCode.BadRequest, "is not one of");
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/meta");
        request.Headers.Host = "pumpwatch.example";
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Page_AndItsAssets_AreServedFromTheAssembly()
    {
        var page = await Http.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("assets/echarts/echarts.common.min.js", page, StringComparison.Ordinal);
        using var library = await Http.GetAsync(new Uri("assets/echarts/echarts.common.min.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, library.StatusCode);
        // The pinned file, byte for byte (WebAssets/echarts/README.md gives its sha256).
        Assert.Equal("61f13280aba3161f77fc801bf5f9c786f55f10432153a0683fc5cc0700b013d5",
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await library.Content.ReadAsByteArrayAsync())));
        Assert.Contains("Apache License", await Http.GetStringAsync(new Uri("assets/echarts/LICENSE", UriKind.Relative)), StringComparison.Ordinal);
        using var missing = await Http.GetAsync(new Uri("assets/none.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private async Task AssertError(string url, HttpStatusCode status, string message)
    {
        using var response = await Http.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(status, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!;
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    private async Task<JsonElement> Get(string url)
    {
        using var response = await Http.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private (long From, long To) LastHour()
    {
        var to = Scalar("SELECT epoch_us(greatest((SELECT max(time) FROM readings), (SELECT max(window_start) FROM windows)))") + 1;
        return (to - Hour, to);
    }

    private static string Iso(long micros) =>
        DateTime.UnixEpoch.AddTicks(micros * 10).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    private long Scalar(string sql)
    {
        using var command = _sql!.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private List<object?[]> Rows(string sql)
    {
        using var command = _sql!.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = reader.IsDBNull(c) ? null : reader.GetValue(c);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static List<object?[]> Query(JsonElement panel, string refId) =>
        panel.GetProperty("queries").GetProperty(refId).GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(v => (object?)(v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        })).ToArray()).ToList();

    /// <summary>Same rows in the same order: text and flags equal, numbers equal within <see cref="Tolerance"/> (relative).</summary>
    private static void AssertRows(List<object?[]> expected, List<object?[]> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var r = 0; r < expected.Count; r++)
        {
            Assert.Equal(expected[r].Length, actual[r].Length);
            for (var c = 0; c < expected[r].Length; c++)
            {
                switch (expected[r][c])
                {
                    case null: Assert.Null(actual[r][c]); break;
                    case string s: Assert.Equal(s, actual[r][c]); break;
                    case bool b: Assert.Equal(b, actual[r][c]); break;
                    case var number:
                        var e = Convert.ToDouble(number, CultureInfo.InvariantCulture);
                        var a = Convert.ToDouble(actual[r][c], CultureInfo.InvariantCulture);
                        Assert.True(Math.Abs(e - a) <= Tolerance * Math.Max(1, Math.Abs(e)), $"row {r} column {c}: expected {e}, got {a}");
                        break;
                }
            }
        }
    }
}
