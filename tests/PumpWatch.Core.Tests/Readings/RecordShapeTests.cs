using System.Text;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Tests.Readings;

/// <summary>
/// The parser's record-shape path (<see cref="RecordShape"/>) changes no outcome: over streams whose shape changes
/// between records, with values and bytes the path must decline, every record and every truncation of it gives what the
/// reader alone gives (outcome, detail, reading, catalog, pump table), and the path reads the records it should.
/// </summary>
public sealed class RecordShapeTests
{
    private const int Seed = 20_261_126;
    private const int Streams = 24;
    private const int RecordsPerStream = 50;
    private static readonly long Now = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Parse_StreamsOfShapedRecordsAndEveryTruncation_EqualTheReaderPath()
    {
        var rng = new Random(Seed);
        long shapeReads = 0;
        for (var i = 0; i < Streams; i++)
        {
            var stream = ShapedJson.Stream(rng, RecordsPerStream);
            FlatScanTests.AssertSameAsReader(stream, out _, out _);

            // Counted over whole records only: a truncation that drops trailing white space is a record of its own shape.
            var parser = new ReadingParser(new SensorCatalog(), new PumpIdTable());
            var reading = new ParsedReading();
            stream.ForEach(record => parser.Parse(record, reading, Now));
            shapeReads += parser.ShapeReads;
        }

        // The comparison is only worth something if the shape path read many records itself: about two records in three
        // are unchanged, and a shape is learnt from one record and kept until the next change.
        Assert.True(shapeReads >= Streams * RecordsPerStream / 3, $"the shape path read only {shapeReads} of {Streams * RecordsPerStream} records");
    }

    [Fact]
    public void Parse_ShapeChangesBetweenRecords_ReadsThroughTheShapeExactlyWhenItMatches()
    {
        var longTime = "2026-05-01T03:00:00." + new string('1', 80);
        string[] records =
        [
            Tutorial("pump-1", "2026-05-01T03:00:01", "71.5", "1.1"),
            Tutorial("pump-1", "2026-05-01T03:00:02", "72.5", "1.2"),
            """{"timestamp": "2026-05-01T03:00:03", "pump_id": "pump-1", "temperature": 73.5, "vibration": 1.3}""",
            Tutorial("pump-1", "2026-05-01T03:00:04", "74.5", "1.4"),
            Tutorial("pump-1", "2026-05-01T03:00:05", "75.5", "1.5"),
            Tutorial("pump-1", "2026-02-30T03:00:06", "76.5", "1.6"),
            Tutorial("pump-1", "2026-05-01T03:00:07", "77.5", "1.7"),
            Tutorial("pump-1", "2026-05-01T03:00:08", "78.5", "1.8").Replace(", \"vibration\"", ",  \"vibration\"", StringComparison.Ordinal),
            Tutorial("pump-1", "2026-05-01T03:00:09", "79.5", "1.9"),
            Tutorial("pump-1", "2026-05-01T03:00:10", "80.5", "2.0")[..^1],
            Tutorial("pump-1", "2026-05-01T03:00:11", "81.5", "2.1"),
            Tutorial("pump-1", "2026-05-01T03:00:12", "82.5", "2.2")[..^1] + ", \"site\": \"north\"}",
            Tutorial("pump-1", "2026-05-01T03:00:13", "83.5", "2.3"),
            Tutorial("pump-1", "2026-05-01T03:00:14", "84.5", "2.4"),
            Tutorial("pump-2", "2026-05-01T03:00:15", "85.5", "2.5"),
            Tutorial("pump-2", "2026-05-01T03:00:16", "86.5", "2.6"),
            Tutorial("pump-2", "2026-05-01T03:00:17", "300.0", "2.7"),
            Tutorial("pump-2", "2026-05-01T03:00:18", "88.5", "1e0"),
            Tutorial("pump-2", longTime, "89.5", "2.9"),
            Tutorial("pump-1", "2026-05-01T03:00:20", "90.5", "3.0"),
        ];

        // Read through the shape: the records after one of the same shape whose every value the shape path reads. The
        // outcomes: February 30 does not exist; a record without its closing brace is not JSON; 300 degC is above the
        // temperature's limit of 250; a timestamp longer than 96 bytes is refused by the reader path unparsed.
        bool[] throughShape = [false, true, false, false, true, false, true, false, false, false, true, false, false, true, false, true, true, false, false, true];
        QuarantineReason[] reasons =
        [
            QuarantineReason.None, QuarantineReason.None, QuarantineReason.None, QuarantineReason.None, QuarantineReason.None,
            QuarantineReason.BadTimestamp, QuarantineReason.None, QuarantineReason.None, QuarantineReason.None, QuarantineReason.MalformedJson,
            QuarantineReason.None, QuarantineReason.None, QuarantineReason.None, QuarantineReason.None, QuarantineReason.None,
            QuarantineReason.None, QuarantineReason.OutOfRange, QuarantineReason.None, QuarantineReason.BadTimestamp, QuarantineReason.None,
        ];

        var fast = new ReadingParser(new SensorCatalog(), new PumpIdTable());
        var slow = new ReadingParser(new SensorCatalog(), new PumpIdTable());
        var fastReading = new ParsedReading();
        var slowReading = new ParsedReading();
        for (var i = 0; i < records.Length; i++)
        {
            var utf8 = Encoding.UTF8.GetBytes(records[i]);
            var before = fast.ShapeReads;
            var actual = fast.Parse(utf8, fastReading, Now);
            var expected = slow.ParseWithReader(utf8, slowReading, Now);
            Assert.True(expected == actual, $"record {i}: reader {expected}, fast {actual}");
            Assert.Equal(FlatScanTests.Describe(slowReading), FlatScanTests.Describe(fastReading));
            Assert.True(reasons[i] == actual.Reason, $"record {i}: {actual}");
            Assert.True(throughShape[i] == (fast.ShapeReads > before), $"record {i}: through the shape {fast.ShapeReads > before}");
        }

        // And each of them cut at every byte, in the same order.
        FlatScanTests.AssertSameAsReader(records.Select(Encoding.UTF8.GetBytes), out _, out _);
    }

    [Fact]
    public void Parse_ThroughTheShape_GivesTheValuesWritten()
    {
        var parser = new ReadingParser(new SensorCatalog(), new PumpIdTable());
        var reading = new ParsedReading();
        parser.Parse(Encoding.UTF8.GetBytes(Tutorial("pump-1", "2026-05-01T03:00:01", "71.5", "1.1")), reading, Now);
        var outcome = parser.Parse(Encoding.UTF8.GetBytes(Tutorial("pump-1", "2026-05-01T03:00:02.250Z", "-0.125", "0")), reading, Now);

        // Values exact in binary, so the expected doubles are the literals themselves, compared bit for bit.
        Assert.True(outcome.IsValid, outcome.ToString());
        Assert.Equal(1, parser.ShapeReads);
        Assert.Equal("pump-1", reading.PumpId);
        Assert.Equal(EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 5, 1, 3, 0, 2, 250, TimeSpan.Zero)), reading.Timestamp);
        Assert.True(parser.Sensors.TryGetIndex("temperature", out var temperature));
        Assert.True(parser.Sensors.TryGetIndex("vibration", out var vibration));
        Assert.Equal([temperature, vibration], reading.Sensors.ToArray());
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.125), BitConverter.DoubleToInt64Bits(reading.Value(temperature)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.0), BitConverter.DoubleToInt64Bits(reading.Value(vibration)));
    }

    private static string Tutorial(string pump, string time, string temperature, string vibration) =>
        $$"""{"pump_id": "{{pump}}", "timestamp": "{{time}}", "temperature": {{temperature}}, "vibration": {{vibration}}}""";
}
