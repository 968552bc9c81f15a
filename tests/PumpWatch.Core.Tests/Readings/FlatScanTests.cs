using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Tests.Readings;

/// <summary>
/// The parser's fast scanner (<see cref="FlatJsonScanner"/>) and record-shape path (<see cref="RecordShape"/>, see
/// <see cref="RecordShapeTests"/>) change no outcome: for every generated record, and every
/// truncation of it, <see cref="ReadingParser.Parse"/> gives what <see cref="ReadingParser.ParseWithReader"/> (the
/// Utf8JsonReader path alone) gives, down to the detail text, every field of the reading, and what the parser adds to its
/// sensor catalog and pump table. The scanner gives up on everything outside the flat form.
/// </summary>
public sealed class FlatScanTests
{
    private const ulong Seed = 20_261_127;

    // Gen.Sample takes the number of samples before the seed and the size after it.
    private const int Records = 300;
    private const int GeneratorSize = 9;
    private static readonly long Now = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));

    private const string Tutorial =
        """{"pump_id":"pump-017","timestamp":"2026-05-01T03:00:01.000Z","temperature":71.23,"pressure":301.2,"flow_rate":512.3,"vibration":1.23}""";

    [Fact]
    public void Parse_HostileRecordsAndEveryTruncation_EqualTheReaderPath() =>
        AssertSameAsReader(Gen.Sample(HostileJson.Record, Records, new Rnd(Seed), GeneratorSize), out _);

    [Fact]
    public void Parse_FlatRecordsAndEveryTruncation_EqualTheReaderPath()
    {
        AssertSameAsReader(Gen.Sample(FlatJson.Record, Records, new Rnd(Seed), GeneratorSize), out var scannedWhole);

        // The comparison is only worth something if the scanner took many of them to the end itself.
        Assert.True(scannedWhole >= Records / 4, $"the scanner read only {scannedWhole} of {Records} whole records");
    }

    [Theory]
    [InlineData(Tutorial)]
    [InlineData("""{"pump_id": 1, "timestamp": "2026-05-01T00:00:00", "temperature": 66.677, "pressure": 318.07, "flow_rate": 656.33, "vibration": 1.7469}""")]
    [InlineData(" {\r\n\t\"pump_id\" : 17 ,\"timestamp\":1777636800250, \"vibration\":-0.0 , \"site\":\"north\"}\n")]
    [InlineData("""{"pump_id":"1.0","timestamp":"2026-05-01 12:00","temperature":"67.079","vibration":999999999999999}""")]
    [InlineData("""{"pump_id":"a","pump_id":"b","timestamp":"2026-05-01T12:00:00Z","vibration":1,"vibration":2}""")]
    [InlineData("{}")]
    public void Scanner_FlatRecords_AreReadToTheEnd(string json) => Assert.True(ScansWhole(Encoding.UTF8.GetBytes(json)), json);

    [Theory]
    [InlineData("\uFEFF" + Tutorial)]
    [InlineData("""{"pump_id":"pump-é","timestamp":"2026-05-01T03:00:01.000Z","vibration":1.5}""")]
    [InlineData("""{"pump_id":"p\u0031","timestamp":"2026-05-01T03:00:01.000Z","vibration":1.5}""")]
    [InlineData("""{"pump_id":"p","timestamp":"2026-05-01T03:00:01.000Z","vibr\u0061tion":1.5}""")]
    [InlineData("""{"pump_id":"p","timestamp":"2026-05-01T03:00:01.000Z","vibration":1.5,"meta":{"a":1}}""")]
    [InlineData("""{"pump_id":"p","timestamp":"2026-05-01T03:00:01.000Z","vibration":1.5,"tags":[1]}""")]
    [InlineData("""{"pump_id":"p","timestamp":"2026-05-01T03:00:01.000Z","vibration":1.5,"ok":true}""")]
    [InlineData("""{"pump_id":"p","timestamp":"2026-05-01T03:00:01.000Z","vibration":1.5,"ok":false}""")]
    [InlineData("""{"pump_id":null,"timestamp":"2026-05-01T03:00:01.000Z","vibration":1.5}""")]
    [InlineData("""{"pump_id":"p",/* why */"timestamp":"2026-05-01T03:00:01.000Z","vibration":1.5}""")]
    [InlineData("""{"pump_id":"p","timestamp":"2026-05-01T03:00:01.000Z","vibration":1.5}// end""")]
    [InlineData("""{"pump_id":"p","timestamp":"2026-05-01T03:00:01.000Z","vibration":1.5e0}""")]
    [InlineData("""{"pump_id":"p","timestamp":"2026-05-01T03:00:01.000Z","vibration":1E5}""")]
    [InlineData("""{"pump_id":"p","timestamp":"2026-05-01T03:00:01.000Z","vibration":1234567890123456}""")]
    [InlineData("""{"pump_id":"p","timestamp":"2026-05-01T03:00:01.000Z","vibration":0.1234567890123456}""")]
    [InlineData("""{"pump_id":"p","timestamp":"2026-05-01T03:00:01.000Z","vibration":01}""")]
    [InlineData("""{"pump_id":"p","timestamp":"2026-05-01T03:00:01.000Z","vibration":1.}""")]
    [InlineData("""{"pump_id":"p","timestamp":"2026-05-01T03:00:01.000Z","vibration":.5}""")]
    [InlineData("""{"pump_id":"p","timestamp":"2026-05-01T03:00:01.000Z","vibration":+1}""")]
    [InlineData("""{"pump_id":"p","timestamp":"2026-05-01T03:00:01.000Z","vibration":-}""")]
    [InlineData("""{"pump_id":"p","timestamp":"2026-05-01T03:00:01.000Z","vibration":NaN}""")]
    [InlineData("""{"pump_id":"p","timestamp":"2026-05-01T03:00:01.000Z","vibration":1.5,}""")]
    [InlineData("""{"pump_id":"p","timestamp":"2026-05-01T03:00:01.000Z","vibration":1.5}x""")]
    [InlineData("""{"pump_id":"p","timestamp":"2026-05-01T03:00:01.000Z","vibration":1.5}{}""")]
    [InlineData("""{"pump_id":"p","timestamp":"2026-05-01T03:00:01.000Z","vibration":1.5""")]
    [InlineData("""{"pump_id":"p","timestamp":"2026-05-01T03:00:01.000Z","vibration":1.5 "x":1}""")]
    [InlineData("""{"pump_id":"p" "timestamp":"2026-05-01T03:00:01.000Z"}""")]
    [InlineData("""{"pump_id":"p","timestamp":"2026-05-01T03:00:01.000Z","vibration"1.5}""")]
    [InlineData("{\"pump_id\":\"p\tq\",\"timestamp\":\"2026-05-01T03:00:01.000Z\",\"vibration\":1.5}")]
    [InlineData("{\"pump_id\":\"p\u007f\",\"timestamp\":\"2026-05-01T03:00:01.000Z\",\"vibration\":1.5}")]
    [InlineData("""["pump_id","p"]""")]
    [InlineData("\f{}")]
    [InlineData("")]
    public void Scanner_AnythingOutsideTheFlatForm_GivesUp_AndParseEqualsTheReaderPath(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        Assert.False(ScansWhole(utf8), json);
        AssertSameAsReader([utf8], out _);
    }

    [Fact]
    public void Parse_FlatRecordOfAKnownPump_AllocatesNothing_ThroughTheShapePath()
    {
        var parser = new ReadingParser(new SensorCatalog(), new PumpIdTable());
        var reading = new ParsedReading();
        var utf8 = Encoding.UTF8.GetBytes(Tutorial);
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(parser.Parse(utf8, reading, long.MaxValue).IsValid);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            parser.Parse(utf8, reading, long.MaxValue);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        // All but the first went through the record-shape path, which is the one measured.
        Assert.Equal(1999, parser.ShapeReads);
    }

    private static void AssertSameAsReader(IEnumerable<byte[]> records, out int scannedWhole) => AssertSameAsReader(records, out scannedWhole, out _);

    /// <summary>
    /// Every record, in order, and every truncation of each through two parsers that start alike: one with the fast paths
    /// (record shape, scanner), one with the reader alone. <paramref name="shapeReads"/>: records the shape path read.
    /// </summary>
    internal static void AssertSameAsReader(IEnumerable<byte[]> records, out int scannedWhole, out long shapeReads)
    {
        var fastCatalog = new SensorCatalog();
        var fastPumps = new PumpIdTable();
        var fast = new ReadingParser(fastCatalog, fastPumps);
        var slowCatalog = new SensorCatalog();
        var slowPumps = new PumpIdTable();
        var slow = new ReadingParser(slowCatalog, slowPumps);
        var fastReading = new ParsedReading();
        var slowReading = new ParsedReading();
        scannedWhole = 0;
        foreach (var record in records)
        {
            scannedWhole += ScansWhole(record) ? 1 : 0;
            for (var length = record.Length; length >= 0; length--)
            {
                var input = record.AsSpan(0, length);
                var expected = slow.ParseWithReader(input, slowReading, Now);
                var actual = fast.Parse(input, fastReading, Now);
                var where = HostileJson.Show(input);
                Assert.True(expected == actual, $"{where}: reader {expected}, scanner {actual}");
                Assert.True(Describe(slowReading) == Describe(fastReading), $"{where}: reader {Describe(slowReading)}, scanner {Describe(fastReading)}");
                Assert.Equal(slowCatalog.Specs.Select(s => s.Name), fastCatalog.Specs.Select(s => s.Name));
                Assert.Equal(slowPumps.Count, fastPumps.Count);
            }
        }

        shapeReads = fast.ShapeReads;
    }

    /// <summary>Everything a reading carries, values bit for bit (so -0 and 0 differ), sensors by name in arrival order.</summary>
    internal static string Describe(ParsedReading r)
    {
        var text = new StringBuilder($"pump '{r.PumpId}' time {r.Timestamp} ignored {r.IgnoredFields} from-text {r.NumbersFromText} catalog {r.Catalog?.Count}:");
        foreach (var index in r.Sensors)
        {
            text.Append($" {r.Catalog![index].Name}={BitConverter.DoubleToInt64Bits(r.Value(index)):X}");
        }

        return text.ToString();
    }

    private static bool ScansWhole(byte[] utf8)
    {
        var scanner = new FlatJsonScanner(utf8);
        while (scanner.Read())
        {
        }

        return !scanner.GaveUp;
    }
}
