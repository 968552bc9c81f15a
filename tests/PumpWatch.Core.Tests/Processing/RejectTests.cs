using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Tests.Processing;

/// <summary><see cref="DetectionPipeline.Reject"/>: a record a reader refused is counted and stored like the pipeline's own quarantine.</summary>
public sealed class RejectTests
{
    private sealed class Quarantine : DetectionSink
    {
        public List<(string? Pump, long? Time, QuarantineReason Reason, string Detail, byte[] Raw)> Entries { get; } = [];

        public override void OnQuarantined(ReadOnlySpan<byte> raw, string? pumpId, long? timestamp, QuarantineReason reason, string detail) =>
            Entries.Add((pumpId, timestamp, reason, detail, raw.ToArray()));
    }

    [Fact]
    public void Reject_AReaderRejection_IsCountedAsARecordAndAQuarantineOfItsReason_AndReachesTheSink()
    {
        var sink = new Quarantine();
        var pipeline = new DetectionPipeline(PipelineOptions.Default, sink);
        pipeline.Reject("a,#N/A"u8, "P-1", 42, QuarantineReason.NonNumericValue, "r.csv:7: column 'temperature': '#N/A' is not a number");
        pipeline.Reject([], null, null, QuarantineReason.BadTimestamp, "r.csv:8: year 58301");

        Assert.Equal(2, pipeline.Counters.Records);
        Assert.Equal(2, pipeline.Counters.Quarantined);
        Assert.Equal(0, pipeline.Counters.Accepted);
        Assert.Equal(1, pipeline.Counters.QuarantinedFor(QuarantineReason.NonNumericValue));
        Assert.Equal(1, pipeline.Counters.QuarantinedFor(QuarantineReason.BadTimestamp));
        Assert.Equal(("P-1", (long?)42, QuarantineReason.NonNumericValue), (sink.Entries[0].Pump, sink.Entries[0].Time, sink.Entries[0].Reason));
        Assert.Equal("a,#N/A"u8.ToArray(), sink.Entries[0].Raw);
        Assert.Equal("r.csv:8: year 58301", sink.Entries[1].Detail);
    }

    [Fact]
    public void Reject_ReasonNone_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DetectionPipeline(PipelineOptions.Default, new Quarantine()).Reject([], null, null, QuarantineReason.None, ""));
}
