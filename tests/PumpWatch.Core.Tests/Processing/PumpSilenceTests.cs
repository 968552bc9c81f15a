using System.Text;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Tests.Processing;

/// <summary>A pump that stops reporting while others go on raises pump_silent after the configured time, and pump_resumed when it is back.</summary>
public sealed class PumpSilenceTests
{
    private const long Second = 1_000_000;
    private static readonly long T0 = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));

    private sealed class Alerts : DetectionSink
    {
        public List<(Alert Alert, long StreamSecond)> Seen { get; } = [];

        public long Now { get; set; }

        public override void OnAlert(Alert alert) => Seen.Add((alert, Now));
    }

    private static byte[] Json(string pump, long second) =>
        Encoding.UTF8.GetBytes(FormattableString.Invariant($$"""{"pump_id":"{{pump}}","timestamp":"{{EventTime.Format(T0 + (second * Second))}}","vibration":1.5}"""));

    [Fact]
    public void PumpThatStopsReporting_IsReportedSilentAfterTheConfiguredTime_AndResumedWhenItSendsAgain()
    {
        var sink = new Alerts();
        var pipeline = new DetectionPipeline(PipelineOptions.Default with { PumpSilentAfter = TimeSpan.FromMinutes(2) }, sink);
        for (var s = 0L; s < 600; s++)
        {
            sink.Now = s;
            // Pump 2 is silent from 100 s to 399 s.
            if (s < 100 || s >= 400)
            {
                pipeline.Process(Json("2", s), long.MaxValue);
            }

            pipeline.Process(Json("1", s), long.MaxValue);
        }

        var events = sink.Seen.Where(e => e.Alert.Kind.IsSilence()).ToList();
        Assert.Equal(2, events.Count);
        var (silent, at) = events[0];
        Assert.Equal(AlertEventKind.PumpSilent, silent.Kind);
        Assert.Equal("2", silent.PumpId);
        Assert.Equal(AlertSeverity.Critical, silent.Severity);
        // Last reading at 99 s; the stream is 120 s past it at 219 s, and silence is looked for once per stream second.
        Assert.Equal(T0 + (99 * Second), silent.WindowStart);
        Assert.InRange(at, 219, 220);
        Assert.Equal("pump_silent", silent.Kind.Code());

        var (resumed, resumedAt) = events[1];
        Assert.Equal(AlertEventKind.PumpResumed, resumed.Kind);
        Assert.Equal(400, resumedAt);
        Assert.Equal(silent.AlertId, resumed.AlertId);
        Assert.Equal(T0 + (400 * Second), resumed.WindowEnd);
        Assert.DoesNotContain(sink.Seen, e => e.Alert.PumpId == "1" && e.Alert.Kind.IsSilence());
    }

    [Fact]
    public void SilenceOff_RaisesNothing()
    {
        var sink = new Alerts();
        var pipeline = new DetectionPipeline(PipelineOptions.Default with { PumpSilentAfter = TimeSpan.Zero }, sink);
        for (var s = 0L; s < 600; s++)
        {
            if (s < 100)
            {
                pipeline.Process(Json("2", s), long.MaxValue);
            }

            pipeline.Process(Json("1", s), long.MaxValue);
        }

        Assert.Empty(sink.Seen);
    }
}
