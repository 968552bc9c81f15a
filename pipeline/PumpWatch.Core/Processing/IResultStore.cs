namespace PumpWatch.Core.Processing;

/// <summary>
/// A store of readings, scored windows, alerts and quarantined records, written through the pipeline's sink calls.
/// The embedded DuckDB store implements it; the Timestream writer will too.
/// </summary>
public interface IResultStore : IDetectionSink, IDisposable
{
    /// <summary>Makes everything written so far durable.</summary>
    void Flush();
}
