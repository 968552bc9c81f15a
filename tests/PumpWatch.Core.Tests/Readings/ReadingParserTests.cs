using System.Text;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Tests.Readings;

public sealed class ReadingParserTests
{
    private static readonly long Now = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));

    private readonly SensorCatalog _catalog = new();
    private readonly ReadingParser _parser;
    private readonly ParsedReading _reading = new();

    public ReadingParserTests() => _parser = new ReadingParser(_catalog, new PumpIdTable());

    private ParseOutcome Parse(string json, long now = long.MaxValue) => _parser.Parse(Encoding.UTF8.GetBytes(json), _reading, now);

    [Fact]
    public void Parse_TutorialShape_ReadsEveryField()
    {
        var outcome = Parse("""{"pump_id": 1, "timestamp": "2026-05-01T12:00:00.123456", "temperature": 71.2, "pressure": 312.5, "flow_rate": 640.0, "vibration": 1.9}""");
        Assert.True(outcome.IsValid, outcome.Detail);
        Assert.Equal("1", _reading.PumpId);
        // 2026-05-01T12:00:00Z is 1777636800 s since the epoch (date -u -d @1777636800).
        Assert.Equal((1_777_636_800L * 1_000_000) + 123_456, _reading.Timestamp);
        Assert.Equal(4, _reading.SensorCount);
        _catalog.TryGetIndex("vibration", out var v);
        Assert.Equal(1.9, _reading.Value(v));
    }

    [Theory]
    [InlineData("\"2026-05-01T12:00:00Z\"", 0)]
    [InlineData("\"2026-05-01T14:00:00+02:00\"", 0)]
    [InlineData("\"2026-05-01T07:00:00-0500\"", 0)]
    [InlineData("\"2026-05-01 12:00:00\"", 0)]
    [InlineData("\"2026-05-01T12:00\"", 0)]
    [InlineData("1777636800", 0)]
    [InlineData("1777636800.5", 500_000)]
    [InlineData("1777636800250", 250_000)]
    public void Parse_TimestampForms_AllMeanTheSameInstant(string timestamp, long extraMicros)
    {
        var outcome = Parse($$"""{"pump_id": "P-7", "timestamp": {{timestamp}}, "vibration": 1.0}""");
        Assert.True(outcome.IsValid, outcome.Detail);
        Assert.Equal((1_777_636_800L * 1_000_000) + extraMicros, _reading.Timestamp);
        Assert.Equal("P-7", _reading.PumpId);
    }

    [Theory]
    [InlineData("{\"pump_id\": 1, \"timestamp\": \"2026-05-01T12:00:00\", \"vibration\": ", QuarantineReason.MalformedJson)]
    [InlineData("[1,2]", QuarantineReason.MalformedJson)]
    [InlineData("{\"timestamp\": \"2026-05-01T12:00:00\", \"vibration\": 1}", QuarantineReason.MissingPumpId)]
    [InlineData("{\"pump_id\": \"  \", \"timestamp\": \"2026-05-01T12:00:00\", \"vibration\": 1}", QuarantineReason.MissingPumpId)]
    [InlineData("{\"pump_id\": 1, \"vibration\": 1}", QuarantineReason.MissingTimestamp)]
    [InlineData("{\"pump_id\": 1, \"timestamp\": \"yesterday\", \"vibration\": 1}", QuarantineReason.BadTimestamp)]
    [InlineData("{\"pump_id\": 1, \"timestamp\": \"2026-02-30T12:00:00\", \"vibration\": 1}", QuarantineReason.BadTimestamp)]
    [InlineData("{\"pump_id\": 1, \"timestamp\": \"2026-05-01T12:10:00Z\", \"vibration\": 1}", QuarantineReason.FutureTimestamp)]
    [InlineData("{\"pump_id\": 1, \"timestamp\": \"2026-05-01T12:00:00\", \"vibration\": NaN}", QuarantineReason.NonFiniteValue)]
    [InlineData("{\"pump_id\": 1, \"timestamp\": \"2026-05-01T12:00:00\", \"vibration\": \"Infinity\"}", QuarantineReason.NonFiniteValue)]
    [InlineData("{\"pump_id\": 1, \"timestamp\": \"2026-05-01T12:00:00\", \"vibration\": 1e400}", QuarantineReason.NonFiniteValue)]
    [InlineData("{\"pump_id\": 1, \"timestamp\": \"2026-05-01T12:00:00\", \"pressure\": -5}", QuarantineReason.OutOfRange)]
    [InlineData("{\"pump_id\": 1, \"timestamp\": \"2026-05-01T12:00:00\", \"note\": \"ok\"}", QuarantineReason.NoSensorValues)]
    public void Parse_BadRecord_IsQuarantinedWithItsReason(string json, QuarantineReason reason)
    {
        var outcome = Parse(json, Now);
        Assert.Equal(reason, outcome.Reason);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Detail));
        Assert.DoesNotContain('\n', outcome.Detail!);
    }

    [Fact]
    public void Parse_OversizedPayload_IsQuarantinedUnread()
    {
        var parser = new ReadingParser(_catalog, new PumpIdTable(), new ValidationOptions(MaxPayloadBytes: 64));
        var json = "{\"pump_id\": 1, \"timestamp\": \"2026-05-01T12:00:00\", \"vibration\": 1, \"pad\": \"" + new string('x', 100) + "\"}";
        Assert.Equal(QuarantineReason.PayloadTooLarge, parser.Parse(Encoding.UTF8.GetBytes(json), _reading, long.MaxValue).Reason);
    }

    [Fact]
    public void Parse_ExtraNumbersAreSensors_OtherFieldsAreCounted()
    {
        var outcome = Parse("""{"pump_id": 2, "timestamp": "2026-05-01T12:00:00", "motor_current": 41.5, "site": "north", "tags": [1, 2], "meta": {"a": 1}}""");
        Assert.True(outcome.IsValid, outcome.Detail);
        Assert.Equal(3, _reading.IgnoredFields);
        Assert.True(_catalog.TryGetIndex("motor_current", out var index));
        Assert.Equal(41.5, _reading.Value(index));
    }

    [Fact]
    public void Parse_SameFieldsInAnotherOrderOrEscaped_ReadTheSameValues()
    {
        // The parser remembers field names by position; records that reorder or escape them must still read right.
        string[] records =
        [
            """{"pump_id": 1, "timestamp": 1777636800, "temperature": 71.5, "pressure": 300.25}""",
            """{"pressure": 300.25, "temperature": 71.5, "timestamp": 1777636800, "pump_id": 1}""",
            """{"temp\u0065rature": 71.5, "pump_id": 1, "pressur\u0065": 300.25, "timestamp": 1777636800}""",
            """{"pump_id": 1, "timestamp": 1777636800, "pressure": 300.25, "temperature": 71.5}""",
        ];
        _catalog.TryGetIndex("temperature", out var t);
        _catalog.TryGetIndex("pressure", out var p);
        foreach (var json in records)
        {
            var outcome = Parse(json);
            Assert.True(outcome.IsValid, outcome.Detail);
            Assert.Equal("1", _reading.PumpId);
            Assert.Equal(1_777_636_800L * 1_000_000, _reading.Timestamp);
            Assert.Equal(71.5, _reading.Value(t));
            Assert.Equal(300.25, _reading.Value(p));
            Assert.Equal(2, _reading.SensorCount);
        }
    }
}
