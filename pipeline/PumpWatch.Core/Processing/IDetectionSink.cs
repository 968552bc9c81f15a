using PumpWatch.Core.Alerts;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Processing;

/// <summary>Where a host puts what the pipeline produces (a store, the console, Timestream and SNS). Called synchronously.</summary>
public interface IDetectionSink
{
    /// <summary>An accepted reading; the object is reused after the call.</summary>
    void OnReading(ParsedReading reading);

    /// <summary>A quarantined or late record, with the raw bytes when there were any.</summary>
    void OnQuarantined(ReadOnlySpan<byte> raw, string? pumpId, long? timestamp, QuarantineReason reason, string detail);

    /// <summary>A closed window; the object is reused after the call.</summary>
    void OnWindow(ScoredWindow window);

    void OnAlert(Alert alert);
}
