using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Tests.Readings;

/// <summary>
/// Parsing never throws on data: structure-aware hostile records (<see cref="HostileJson"/>), each also truncated at every
/// byte, all end as accepted, duplicate or quarantined, and a valid reading after any of them is still accepted.
/// </summary>
public sealed class HostileInputTests
{
    private const ulong Seed = 20_261_126;
    private const int Records = 200;
    private const int GeneratorSize = 8;
    private static readonly long T0 = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private static readonly long Now = T0 + (86_400L * 1_000_000);

    [Fact]
    public void Process_HostileRecordsAndEveryTruncation_NeverThrow_AndTheNextValidReadingIsAccepted()
    {
        var pipeline = new DetectionPipeline(PipelineOptions.Default, new NullSink());
        var records = Gen.Sample(HostileJson.Record, Records, new Rnd(Seed), GeneratorSize);
        var probe = 0L;
        long inputs = 0;
        foreach (var record in records)
        {
            for (var length = record.Length; length >= 0; length--)
            {
                var input = record.AsSpan(0, length);
                ReadingStatus status;
                try
                {
                    status = pipeline.Process(input, Now);
                }
                catch (Exception e)
                {
                    Assert.Fail($"{e.GetType().Name} on {HostileJson.Show(input)}: {e.Message}");
                    throw;
                }

                if (status is not (ReadingStatus.Accepted or ReadingStatus.Duplicate or ReadingStatus.Quarantined))
                {
                    Assert.Fail($"status {status} for {HostileJson.Show(input)}");
                }

                inputs++;
                var valid = Encoding.UTF8.GetBytes(
                    $"{{\"pump_id\":\"probe\",\"timestamp\":{(T0 / 1_000_000) + probe++},\"temperature\":70.5,\"vibration\":1.5}}");
                if (pipeline.Process(valid, Now) != ReadingStatus.Accepted)
                {
                    Assert.Fail($"valid reading refused after {HostileJson.Show(input)}");
                }
            }
        }

        var c = pipeline.Counters;
        Assert.Equal(inputs + probe, c.Records);
        Assert.Equal(c.Records, c.Accepted + c.Duplicates + c.Quarantined);
    }

    [Theory]
    [InlineData("{\"\\uDFAA\":0}")]
    [InlineData("{\"pump_id\":1,\"timestamp\":\"2026-05-01T12:00:00Z\",\"\\uD800\":1.5}")]
    [InlineData("{\"pump_id\":\"\\uD800\",\"timestamp\":\"2026-05-01T12:00:00Z\",\"vibration\":1.5}")]
    [InlineData("{\"pump_id\":1,\"timestamp\":\"2026-05-01T12:00:00Z\",\"vibration\":\"\\uDC00\"}")]
    [InlineData("{\"pump_id\":1,\"timestamp\":\"2026-05-01T\\uD800\",\"vibration\":1.5}")]
    public void Parse_LoneSurrogateEscapes_AreQuarantinedAsMalformed(string json)
    {
        var parser = new ReadingParser(new SensorCatalog(), new PumpIdTable());
        var outcome = parser.Parse(Encoding.UTF8.GetBytes(json), new ParsedReading(), long.MaxValue);
        Assert.False(outcome.IsValid);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Detail));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    public void Parse_InvalidUtf8InANameOrValue_IsQuarantinedAsMalformed(byte[] bad)
    {
        var parser = new ReadingParser(new SensorCatalog(), new PumpIdTable());
        byte[][] records =
        [
            [.. "{\"pump_id\":1,\"timestamp\":\"2026-05-01T12:00:00Z\",\"v"u8, .. bad, .. "\":1.5}"u8],
            [.. "{\"pump_id\":\"p"u8, .. bad, .. "\",\"timestamp\":\"2026-05-01T12:00:00Z\",\"vibration\":1.5}"u8],
            [.. "{\"pump_id\":1,\"timestamp\":\"2026-05-01T12:00:00Z\",\"vibration\":\"1"u8, .. bad, .. "\"}"u8],
        ];
        foreach (var record in records)
        {
            var outcome = parser.Parse(record, new ParsedReading(), long.MaxValue);
            Assert.Equal(QuarantineReason.MalformedJson, outcome.Reason);
        }
    }

    [Fact]
    public void Parse_NumberInAString_IsReadAsThatNumber_AndCounted()
    {
        var catalog = new SensorCatalog();
        var parser = new ReadingParser(catalog, new PumpIdTable());
        var reading = new ParsedReading();
        var outcome = parser.Parse("""{"pump_id":1,"timestamp":"2026-05-01T12:00:00Z","temperature":"67.079","vibration":1.5}"""u8, reading, long.MaxValue);
        Assert.True(outcome.IsValid, outcome.Detail);
        catalog.TryGetIndex("temperature", out var t);
        // Exact: the same decimal text parsed as a double.
        Assert.Equal(67.079, reading.Value(t));
        Assert.Equal(1, reading.NumbersFromText);
    }

    [Theory]
    [InlineData("\"66,677\"")]
    [InlineData("\"Bad\"")]
    [InlineData("\"#N/A\"")]
    public void Parse_TextThatIsNotANumber_ForAKnownSensor_IsQuarantinedWithItsValue(string value)
    {
        var parser = new ReadingParser(new SensorCatalog(), new PumpIdTable());
        var outcome = parser.Parse(Encoding.UTF8.GetBytes($"{{\"pump_id\":1,\"timestamp\":\"2026-05-01T12:00:00Z\",\"temperature\":{value},\"vibration\":1.5}}"),
            new ParsedReading(), long.MaxValue);
        Assert.Equal(QuarantineReason.NonNumericValue, outcome.Reason);
        Assert.Contains(value.Trim('"'), outcome.Detail, StringComparison.Ordinal);
    }

    private sealed class NullSink : DetectionSink;
}
