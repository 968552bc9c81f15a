using PumpWatch.Core.Alerts;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Processing;

/// <summary>A sink that ignores everything; override the calls you care about.</summary>
public abstract class DetectionSink : IDetectionSink
{
    public virtual void OnReading(ParsedReading reading)
    {
    }

    public virtual void OnQuarantined(ReadOnlySpan<byte> raw, string? pumpId, long? timestamp, QuarantineReason reason, string detail)
    {
    }

    public virtual void OnWindow(ScoredWindow window)
    {
    }

    public virtual void OnAlert(Alert alert)
    {
    }
}
