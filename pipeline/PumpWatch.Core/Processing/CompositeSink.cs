using PumpWatch.Core.Alerts;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Processing;

/// <summary>Hands every result to several sinks in order (e.g. a store and the console).</summary>
public sealed class CompositeSink(params IDetectionSink[] sinks) : IDetectionSink
{
    public void OnReading(ParsedReading reading)
    {
        foreach (var sink in sinks)
        {
            sink.OnReading(reading);
        }
    }

    public void OnQuarantined(ReadOnlySpan<byte> raw, string? pumpId, long? timestamp, QuarantineReason reason, string detail)
    {
        foreach (var sink in sinks)
        {
            sink.OnQuarantined(raw, pumpId, timestamp, reason, detail);
        }
    }

    public void OnWindow(ScoredWindow window)
    {
        foreach (var sink in sinks)
        {
            sink.OnWindow(window);
        }
    }

    public void OnAlert(Alert alert)
    {
        foreach (var sink in sinks)
        {
            sink.OnAlert(alert);
        }
    }
}
