using System.Globalization;
using System.Text.Json;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Tests.Fakes;
using PumpWatch.Aws.Timestream.Store;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Aws.Tests.Timestream;

/// <summary>
/// The WriteRecords bodies the store writer produces, against JSON written by hand from the timestream-write model
/// (WriteRecordsRequest: DatabaseName, TableName, CommonAttributes, Records; Record: Dimensions, MeasureName,
/// MeasureValueType, Time, TimeUnit, Version, MeasureValues), with the units TimestreamSchema declares (time in
/// MICROSECONDS) and versions from a stopped clock.
/// </summary>
public sealed class TimestreamResultWriterTests
{
    /// <summary>2026-05-01T00:00:00Z in microseconds since the epoch (1777593600 s).</summary>
    private const long T0 = 1_777_593_600_000_000;

    private const long Minute = 60_000_000;

    /// <summary>The clock's time, 2026-06-01T12:00:00Z (1780315200 s), in microseconds: the first version.</summary>
    private const long V0 = 1_780_315_200_000_000;

    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Features = ["vibration.mean", "pressure_flow_ratio"];
    private static readonly TimestreamStoreOptions Options = new("pumpwatch") { Site = "plant-a", MaxConcurrentWrites = 1 };

    private static string Minified(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    private static ParsedReading Parsed(Reading reading, SensorCatalog catalog)
    {
        var parsed = new ParsedReading();
        reading.CopyTo(parsed, catalog);
        return parsed;
    }

    private static FakeAwsServer WritingServer() => new((request, _) => TimestreamResponses.Written(TimestreamResponses.RecordCount(request)));

    private sealed class Harness : IDisposable
    {
        public Harness(FakeAwsServer server, CapturingLogger? logger = null, int maxAttempts = 4)
        {
            Http = Clients.Http();
            Client = TimestreamClients.Write(Http, TimestreamClients.Options(server.Url, maxAttempts));
            Clock = new ManualClock(Now);
            Writer = new TimestreamResultWriter(Client, Options, Features, Clock, logger);
        }

        public HttpClient Http { get; }

        public PumpWatch.Aws.Timestream.Write.TimestreamWriteClient Client { get; }

        public ManualClock Clock { get; }

        public TimestreamResultWriter Writer { get; }

        public void Dispose()
        {
            Client.Dispose();
            Http.Dispose();
        }
    }

    [Fact]
    public async Task Readings_of_every_pump_share_one_call_with_the_site_in_CommonAttributes_and_the_pump_per_record()
    {
        await using var server = WritingServer();
        using var h = new Harness(server);
        var catalog = new SensorCatalog();
        h.Writer.OnReading(Parsed(new Reading("1", T0, [new("temperature", 71.25), new("pressure", 312.5), new("vibration", 1.9)]), catalog));
        h.Writer.OnReading(Parsed(new Reading("2", T0 + 1_000_000, [new("vibration", 2.5), new("motor_current", 41.5)]), catalog));
        h.Writer.OnReading(Parsed(new Reading("1", T0 + 2_000_123, [new("temperature", 70.0)]), catalog));

        var result = await h.Writer.FlushAndReportAsync();

        Assert.Equal(Minified("""
            {"DatabaseName":"pumpwatch","TableName":"readings",
             "CommonAttributes":{"Dimensions":[{"Name":"site","Value":"plant-a"}],
                                 "MeasureName":"reading","MeasureValueType":"MULTI","TimeUnit":"MICROSECONDS"},
             "Records":[
               {"Dimensions":[{"Name":"pump_id","Value":"1"}],"Time":"1777593600000000","Version":1780315200000000,
                "MeasureValues":[{"Name":"temperature","Value":"71.25","Type":"DOUBLE"},{"Name":"pressure","Value":"312.5","Type":"DOUBLE"},
                                 {"Name":"vibration","Value":"1.9","Type":"DOUBLE"}]},
               {"Dimensions":[{"Name":"pump_id","Value":"2"}],"Time":"1777593601000000","Version":1780315200000001,
                "MeasureValues":[{"Name":"vibration","Value":"2.5","Type":"DOUBLE"},{"Name":"motor_current","Value":"41.5","Type":"DOUBLE"}]},
               {"Dimensions":[{"Name":"pump_id","Value":"1"}],"Time":"1777593602000123","Version":1780315200000002,
                "MeasureValues":[{"Name":"temperature","Value":"70","Type":"DOUBLE"}]}]}
            """), Assert.Single(server.Requests).BodyText);
        Assert.Equal(new TimestreamFlushResult(3, 0, [], 1), result with { Rejected = [] });
        Assert.Equal(0, h.Writer.Pending);
    }

    [Fact]
    public async Task Windows_carry_bounds_count_score_and_features_and_leave_out_what_is_not_a_number()
    {
        await using var server = WritingServer();
        using var h = new Harness(server);
        h.Writer.OnWindow(ScoredWindow.Create("1", T0, T0 + Minute, 60, 0.71, 0.58, "if-abc", [4.1, 0.49]));
        h.Writer.OnWindow(ScoredWindow.Create("1", T0 + Minute, T0 + (2 * Minute), 12, double.NaN, double.NaN, null, [1.5, double.NaN]));

        await h.Writer.FlushAsync();

        Assert.Equal(Minified("""
            {"DatabaseName":"pumpwatch","TableName":"windows",
             "CommonAttributes":{"Dimensions":[{"Name":"site","Value":"plant-a"}],
                                 "MeasureName":"window","MeasureValueType":"MULTI","TimeUnit":"MICROSECONDS"},
             "Records":[
               {"Dimensions":[{"Name":"pump_id","Value":"1"}],"Time":"1777593600000000","Version":1780315200000000,
                "MeasureValues":[{"Name":"window_end_us","Value":"1777593660000000","Type":"BIGINT"},
                                 {"Name":"reading_count","Value":"60","Type":"BIGINT"},
                                 {"Name":"complete","Value":"true","Type":"BOOLEAN"},
                                 {"Name":"score","Value":"0.71","Type":"DOUBLE"},
                                 {"Name":"threshold","Value":"0.58","Type":"DOUBLE"},
                                 {"Name":"model_id","Value":"if-abc","Type":"VARCHAR"},
                                 {"Name":"vibration.mean","Value":"4.1","Type":"DOUBLE"},
                                 {"Name":"pressure_flow_ratio","Value":"0.49","Type":"DOUBLE"}]},
               {"Dimensions":[{"Name":"pump_id","Value":"1"}],"Time":"1777593660000000","Version":1780315200000001,
                "MeasureValues":[{"Name":"window_end_us","Value":"1777593720000000","Type":"BIGINT"},
                                 {"Name":"reading_count","Value":"12","Type":"BIGINT"},
                                 {"Name":"complete","Value":"true","Type":"BOOLEAN"},
                                 {"Name":"vibration.mean","Value":"1.5","Type":"DOUBLE"}]}]}
            """), Assert.Single(server.Requests).BodyText);
    }

    [Fact]
    public async Task Alert_events_carry_the_pump_alert_and_event_dimensions_per_record()
    {
        await using var server = WritingServer();
        using var h = new Harness(server);
        h.Writer.OnAlert(new Alert("3@2026-05-01T00:01:00.000000Z", AlertEventKind.Opened, "3", AlertSeverity.Critical, T0, T0 + Minute, 0.72, 0.58, "if-abc",
            [new FeatureContribution("vibration.mean", 0.4, 4.1, 1.8, 0.3)], null));
        h.Writer.OnAlert(new Alert("3@2026-05-01T00:05:00.000000Z/silent", AlertEventKind.PumpSilent, "3", AlertSeverity.Warning, T0 + (4 * Minute), T0 + (5 * Minute),
            double.NaN, double.NaN, "", [], "no readings for 60 s"));

        await h.Writer.FlushAsync();

        Assert.Equal(Minified("""
            {"DatabaseName":"pumpwatch","TableName":"alerts",
             "CommonAttributes":{"Dimensions":[{"Name":"site","Value":"plant-a"}],
                                 "MeasureName":"alert","MeasureValueType":"MULTI","TimeUnit":"MICROSECONDS"},
             "Records":[
               {"Dimensions":[{"Name":"pump_id","Value":"3"},{"Name":"alert_id","Value":"3@2026-05-01T00:01:00.000000Z"},{"Name":"event","Value":"opened"}],
                "Time":"1777593660000000","Version":1780315200000000,
                "MeasureValues":[{"Name":"window_start_us","Value":"1777593600000000","Type":"BIGINT"},
                                 {"Name":"severity","Value":"critical","Type":"VARCHAR"},
                                 {"Name":"score","Value":"0.72","Type":"DOUBLE"},
                                 {"Name":"threshold","Value":"0.58","Type":"DOUBLE"},
                                 {"Name":"model_id","Value":"if-abc","Type":"VARCHAR"},
                                 {"Name":"top_feature","Value":"vibration.mean","Type":"VARCHAR"}]},
               {"Dimensions":[{"Name":"pump_id","Value":"3"},{"Name":"alert_id","Value":"3@2026-05-01T00:05:00.000000Z/silent"},{"Name":"event","Value":"pump_silent"}],
                "Time":"1777593900000000","Version":1780315200000001,
                "MeasureValues":[{"Name":"window_start_us","Value":"1777593840000000","Type":"BIGINT"},
                                 {"Name":"severity","Value":"warning","Type":"VARCHAR"}]}]}
            """), Assert.Single(server.Requests).BodyText);
    }

    [Fact]
    public async Task Quarantined_records_are_stamped_on_arrival_and_keep_pump_time_reason_detail_and_raw_text()
    {
        await using var server = WritingServer();
        using var h = new Harness(server);
        h.Writer.OnQuarantined("{\"pump_id\": 7, "u8, "7", T0, QuarantineReason.OutOfRange, "pressure = -5 outside [0, 2000] psi");

        await h.Writer.FlushAsync();

        Assert.Equal(Minified("""
            {"DatabaseName":"pumpwatch","TableName":"quarantine",
             "CommonAttributes":{"Dimensions":[{"Name":"site","Value":"plant-a"}],
                                 "MeasureName":"quarantined","MeasureValueType":"MULTI","TimeUnit":"MICROSECONDS"},
             "Records":[
               {"Dimensions":[{"Name":"pump_id","Value":"7"}],"Time":"1780315200000000","Version":1780315200000000,
                "MeasureValues":[{"Name":"event_time_us","Value":"1777593600000000","Type":"BIGINT"},
                                 {"Name":"reason","Value":"out_of_range","Type":"VARCHAR"},
                                 {"Name":"detail","Value":"pressure = -5 outside [0, 2000] psi","Type":"VARCHAR"},
                                 {"Name":"raw_bytes","Value":"15","Type":"BIGINT"},
                                 {"Name":"raw","Value":"{\"pump_id\": 7, ","Type":"VARCHAR"}]}]}
            """), Assert.Single(server.Requests).BodyText);
    }

    [Fact]
    public async Task Raw_text_of_a_quarantined_record_is_cut_to_fill_exactly_the_2_KB_record_without_splitting_a_character()
    {
        await using var server = WritingServer();
        using var h = new Harness(server);
        var raw = new string('é', 5000); // 2 UTF-8 bytes each: 10000 bytes
        h.Writer.OnQuarantined(System.Text.Encoding.UTF8.GetBytes(raw), null, null, QuarantineReason.MalformedJson, "unexpected end of data.");

        var result = await h.Writer.FlushAndReportAsync();

        var record = TimestreamResponses.Body(Assert.Single(server.Requests)).GetProperty("Records")[0];
        var values = record.GetProperty("MeasureValues").EnumerateArray().ToDictionary(v => v.GetProperty("Name").GetString()!, v => v.GetProperty("Value").GetString()!);
        // Hand count after "Metering and pricing: Writes": time 8, site+plant-a 11, quarantined 11, reason+malformed_json 20,
        // detail+text 29, raw_bytes+8 17, raw 3: 99 bytes, so 2048 - 99 = 1949 bytes are left for the text: 974 characters of 2 bytes.
        Assert.Equal(new string('é', 974), values["raw"]);
        Assert.Equal("10000", values["raw_bytes"]);
        Assert.False(values.ContainsKey("event_time_us"));
        Assert.Equal(1, result.Written);
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public async Task A_window_written_again_before_the_flush_is_sent_once_with_the_later_version_and_after_it_again()
    {
        await using var server = WritingServer();
        using var h = new Harness(server);
        h.Writer.OnWindow(ScoredWindow.Create("1", T0, T0 + Minute, 60, 0.61, 0.58, "if-abc", [4.1, 0.49]));
        h.Writer.OnWindow(ScoredWindow.Create("1", T0, T0 + Minute, 60, 0.62, 0.58, "if-abc", [4.1, 0.49]));
        await h.Writer.FlushAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        h.Writer.OnWindow(ScoredWindow.Create("1", T0, T0 + Minute, 60, 0.63, 0.58, "if-abc", [4.1, 0.49]));
        await h.Writer.FlushAsync();

        var sent = server.Requests.Select(r => TimestreamResponses.Body(r).GetProperty("Records")).ToArray();
        Assert.Equal(1, sent[0].GetArrayLength());
        Assert.Equal(V0 + 1, sent[0][0].GetProperty("Version").GetInt64());
        Assert.Equal("0.62", sent[0][0].GetProperty("MeasureValues")[3].GetProperty("Value").GetString());
        // A second later: the clock's time, 1 s = 1,000,000 us after V0.
        Assert.Equal(V0 + 1_000_000, sent[1][0].GetProperty("Version").GetInt64());
    }

    [Fact]
    public async Task A_flush_that_fails_keeps_every_row_and_the_next_flush_sends_the_same_bytes()
    {
        var fail = true;
        await using var server = new FakeAwsServer((request, _) => Volatile.Read(ref fail)
            ? TimestreamResponses.Error(503, "ServiceUnavailable", "req-down")
            : TimestreamResponses.Written(TimestreamResponses.RecordCount(request)));
        using var h = new Harness(server, maxAttempts: 2);
        h.Writer.OnWindow(ScoredWindow.Create("1", T0, T0 + Minute, 60, 0.61, 0.58, "if-abc", [4.1, 0.49]));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => h.Writer.FlushAsync());
        Assert.Equal("ServiceUnavailable", error.ErrorCode);
        Assert.Equal(1, h.Writer.Pending);
        Volatile.Write(ref fail, false);
        h.Clock.Advance(TimeSpan.FromMinutes(5)); // a later clock must not change a pending row's version
        await h.Writer.FlushAsync();

        var bodies = server.Requests.Select(r => r.BodyText).ToArray();
        Assert.Equal(3, bodies.Length);
        Assert.Equal(bodies[0], bodies[2]);
        Assert.Equal(0, h.Writer.Pending);
    }

    [Fact]
    public async Task Refused_rows_are_reported_with_table_pump_and_time_logged_once_and_not_thrown()
    {
        await using var server = new FakeAwsServer((request, _) => TimestreamResponses.Operation(request) == "WriteRecords" && TimestreamResponses.RecordCount(request) == 3
            ? TimestreamResponses.Rejected((1, "The record timestamp is outside the time range of the data ingestion window.", null))
            : TimestreamResponses.Written(TimestreamResponses.RecordCount(request)));
        var logger = new CapturingLogger();
        using var h = new Harness(server, logger);
        var catalog = new SensorCatalog();
        h.Writer.OnReading(Parsed(new Reading("1", T0, [new("vibration", 1.0)]), catalog));
        h.Writer.OnReading(Parsed(new Reading("1", T0 + Minute, [new("vibration", 2.0)]), catalog));
        h.Writer.OnReading(Parsed(new Reading("2", T0, [new("vibration", 3.0)]), catalog));

        await h.Writer.FlushAsync();

        var flush = h.Writer.LastFlush!;
        Assert.Equal([new RejectedRow("readings", "1", T0 + Minute, "The record timestamp is outside the time range of the data ingestion window.", null)], flush.Rejected);
        // One call of 3 records in arrival order; the service refused its second, pump 1's reading a minute later.
        Assert.Equal((2, 0, 1), (flush.Written, flush.AlreadyStored, flush.Calls));
        Assert.Equal(0, h.Writer.Pending);
        var line = Assert.Single(logger.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Equal((1, 3, "readings", "1"), ((int)line.Values["Rejected"]!, (int)line.Values["Rows"]!, (string)line.Values["Table"]!, (string)line.Values["PumpId"]!));
    }

    [Fact]
    public async Task A_row_the_service_already_holds_with_its_version_counts_as_stored()
    {
        // The answer to an earlier attempt was lost: the service refuses the resend naming the same version.
        await using var server = FakeAwsServer.Sequence(TimestreamResponses.Rejected((0, "A record with the same version already exists.", V0)));
        using var h = new Harness(server);
        h.Writer.OnWindow(ScoredWindow.Create("1", T0, T0 + Minute, 60, 0.61, 0.58, "if-abc", [4.1, 0.49]));

        var result = await h.Writer.FlushAndReportAsync();

        Assert.Equal((0, 1), (result.Written, result.AlreadyStored));
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public async Task Readings_of_200_pumps_go_in_calls_of_100_whatever_their_pumps()
    {
        // One Lambda invocation holds a little of every pump of a shard: 250 readings of 200 pumps are 3 calls
        // (WriteRecords takes at most 100 records, Timestream API reference), not one per pump.
        await using var server = WritingServer();
        using var h = new Harness(server);
        var catalog = new SensorCatalog();
        for (var i = 0; i < 250; i++)
        {
            h.Writer.OnReading(Parsed(new Reading((i % 200).ToString(CultureInfo.InvariantCulture), T0 + (i / 200 * 1_000_000L), [new("temperature", 70.0)]), catalog));
        }

        var result = await h.Writer.FlushAndReportAsync();

        Assert.Equal(3, result.Calls);
        Assert.Equal([100, 100, 50], server.Requests.Select(r => TimestreamResponses.Body(r).GetProperty("Records").GetArrayLength()));
        Assert.Equal(250, server.Requests.SelectMany(r => TimestreamResponses.Body(r).GetProperty("Records").EnumerateArray())
            .Select(r => (r.GetProperty("Dimensions")[0].GetProperty("Value").GetString(), r.GetProperty("Time").GetString())).Distinct().Count());
    }

    [Fact]
    public async Task Nothing_pending_makes_no_call()
    {
        await using var server = WritingServer();
        using var h = new Harness(server);

        var result = await h.Writer.FlushAndReportAsync();

        Assert.Empty(server.Requests);
        Assert.Equal(new TimestreamFlushResult(0, 0, [], 0), result with { Rejected = [] });
    }
}
