using System.Globalization;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Tests.Fakes;
using PumpWatch.Aws.Timestream.Write;
using PumpWatch.Aws.Timestream.Write.Model;
using Record = PumpWatch.Aws.Timestream.Write.Model.Record;

namespace PumpWatch.Aws.Tests.Timestream;

/// <summary>Splitting into WriteRecords calls, bounded concurrency and mapping RejectedRecords back to the caller's records.</summary>
public sealed class TimestreamWriteBatcherTests
{
    private const long Version = 1780315200000000;

    private static readonly Record Common = new()
    {
        Dimensions = [new Dimension("pump_id", "7"), new Dimension("site", "plant-a")],
        MeasureName = "reading",
        MeasureValueType = "MULTI",
        TimeUnit = "MICROSECONDS",
    };

    private static Record Reading(int i) => new()
    {
        Time = (1777593600000000L + i).ToString(CultureInfo.InvariantCulture),
        Version = Version + i,
        MeasureValues = [new MeasureValue("vibration", "1.5", "DOUBLE")],
    };

    private static TimestreamRecordGroup Group(int count, string table = "readings") => new(table, Common, [.. Enumerable.Range(0, count).Select(Reading)]);

    private static (TimestreamWriteBatcher Batcher, TimestreamWriteClient Client, HttpClient Http) Create(FakeAwsServer server, int concurrency = 1)
    {
        var http = Clients.Http();
        var client = TimestreamClients.Write(http, TimestreamClients.Options(server.Url));
        return (new TimestreamWriteBatcher(client, concurrency), client, http);
    }

    [Fact]
    public async Task A_group_of_250_records_goes_out_as_100_100_50_in_order_with_the_common_attributes()
    {
        await using var server = new FakeAwsServer((request, _) => TimestreamResponses.Written(TimestreamResponses.RecordCount(request)));
        var (batcher, client, http) = Create(server);
        using var _ = http;
        using var __ = client;

        var result = await batcher.WriteAsync("pumpwatch", [Group(250)]);

        var requests = server.Requests.ToArray();
        Assert.Equal([100, 100, 50], requests.Select(TimestreamResponses.RecordCount));
        Assert.Equal(Enumerable.Range(0, 250).Select(i => 1777593600000000L + i), requests.SelectMany(TimestreamResponses.Times));
        Assert.All(requests, r => Assert.Equal(
            """{"Dimensions":[{"Name":"pump_id","Value":"7"},{"Name":"site","Value":"plant-a"}],"MeasureName":"reading","MeasureValueType":"MULTI","TimeUnit":"MICROSECONDS"}""",
            TimestreamResponses.Body(r).GetProperty("CommonAttributes").GetRawText()));
        Assert.Equal(new TimestreamWriteResult(250, 0, [], 3), result with { Rejected = [] });
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public async Task Rejected_records_are_reported_at_their_index_in_the_callers_group_and_the_rest_count_as_written()
    {
        // One call at a time, in order: call 1 holds records 100..149 of the first group, call 3 records 100..199 of the second.
        await using var server = new FakeAwsServer((request, n) => n switch
        {
            1 => TimestreamResponses.Rejected((3, "outside the memory store retention", null)),
            3 => TimestreamResponses.Rejected((0, "dimension value too long", null), (49, "outside the memory store retention", null)),
            _ => TimestreamResponses.Written(TimestreamResponses.RecordCount(request)),
        });
        var (batcher, client, http) = Create(server);
        using var _ = http;
        using var __ = client;

        var result = await batcher.WriteAsync("pumpwatch", [Group(150, "readings"), Group(250, "windows")]);

        Assert.Equal(
            [new RejectedWrite(0, 103, "outside the memory store retention", null),
             new RejectedWrite(1, 100, "dimension value too long", null),
             new RejectedWrite(1, 149, "outside the memory store retention", null)],
            result.Rejected);
        Assert.Equal((397, 0, 5), (result.Written, result.AlreadyStored, result.Calls));
        Assert.Equal(5, server.Requests.Count); // refused records are not sent again
    }

    [Fact]
    public async Task A_refusal_naming_the_records_own_version_counts_as_already_stored()
    {
        // Record 2 carries Version + 2; the service holds exactly that: an earlier attempt wrote it.
        await using var server = FakeAwsServer.Sequence(TimestreamResponses.Rejected(
            (2, "A record with the same version already exists.", Version + 2),
            (4, "A record with a higher version already exists.", Version + 99)));
        var (batcher, client, http) = Create(server);
        using var _ = http;
        using var __ = client;

        var result = await batcher.WriteAsync("pumpwatch", [Group(5)]);

        Assert.Equal((3, 1), (result.Written, result.AlreadyStored));
        Assert.Equal([new RejectedWrite(0, 4, "A record with a higher version already exists.", Version + 99)], result.Rejected);
    }

    [Fact]
    public async Task Records_over_2_KB_or_256_measures_are_refused_before_sending_and_the_rest_written()
    {
        await using var server = new FakeAwsServer((request, _) => TimestreamResponses.Written(TimestreamResponses.RecordCount(request)));
        var (batcher, client, http) = Create(server);
        using var _ = http;
        using var __ = client;
        // Metering rule: 8 (time) + dims "pump_id"+"7" (8) + "site"+"plant-a" (11) + "reading" (7) + "note" (4) + value bytes.
        // 2048 - 38 = 2010 bytes of VARCHAR fit exactly; 2011 do not.
        Record Note(int bytes) => new() { Time = "1777593600000000", MeasureValues = [new MeasureValue("note", new string('x', bytes), "VARCHAR")] };
        var measures = Enumerable.Range(0, 257).Select(i => new MeasureValue("m" + i.ToString(CultureInfo.InvariantCulture), "1", "BIGINT")).ToArray();
        TimestreamRecordGroup group = new("readings", Common, [Note(2010), Note(2011), new Record { Time = "1", MeasureValues = measures }, Reading(0)]);

        var result = await batcher.WriteAsync("pumpwatch", [group]);

        Assert.Equal(2, TimestreamResponses.RecordCount(Assert.Single(server.Requests)));
        Assert.Equal([1, 2], result.Rejected.Select(r => r.Index));
        Assert.Contains("2049 bytes", result.Rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("257 measures", result.Rejected[1].Reason, StringComparison.Ordinal);
        Assert.Equal(2, result.Written);
    }

    [Fact]
    public async Task No_more_than_the_configured_calls_are_in_flight_and_that_many_are()
    {
        const int limit = 4;
        var inFlight = 0;
        var maxInFlight = 0;
        using var all = new ManualResetEventSlim();
        await using var server = new FakeAwsServer((request, _) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            if (now >= limit)
            {
                all.Set();
            }

            // Hold each answer until the limit was reached once (or give up after 10 s, which fails the test below).
            all.Wait(TimeSpan.FromSeconds(10));
            Interlocked.Decrement(ref inFlight);
            return TimestreamResponses.Written(TimestreamResponses.RecordCount(request));
        });
        var (batcher, client, http) = Create(server, concurrency: limit);
        using var _ = http;
        using var __ = client;

        var result = await batcher.WriteAsync("pumpwatch", [Group(1000)]);

        Assert.Equal(1000, result.Written);
        Assert.Equal(10, server.Requests.Count);
        Assert.Equal(limit, maxInFlight);
    }

    [Fact]
    public async Task A_call_that_fails_for_good_is_thrown_and_no_further_call_starts()
    {
        await using var server = new FakeAwsServer((request, n) => n == 1
            ? TimestreamResponses.Error(400, "ValidationException", "req-bad-call")
            : TimestreamResponses.Written(TimestreamResponses.RecordCount(request)));
        var (batcher, client, http) = Create(server);
        using var _ = http;
        using var __ = client;

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => batcher.WriteAsync("pumpwatch", [Group(500)]));

        Assert.Equal(("ValidationException", "req-bad-call"), (error.ErrorCode, error.RequestId));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task An_index_outside_the_call_is_a_clear_error_not_a_miscount()
    {
        await using var server = FakeAwsServer.Sequence(TimestreamResponses.Rejected((7, "?", null)));
        var (batcher, client, http) = Create(server);
        using var _ = http;
        using var __ = client;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.WriteAsync("pumpwatch", [Group(3)]));

        Assert.Contains("rejected record 7 of a call with 3 records", error.Message, StringComparison.Ordinal);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
