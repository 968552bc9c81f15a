using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Processing;

/// <summary>
/// A store of readings, scored windows, alerts and quarantined records: written through the pipeline's sink calls,
/// read back by query. The embedded DuckDB store implements it; the Timestream writer will too. Its behaviour is
/// pinned by the contract tests in tests/PumpWatch.Testing (ResultStoreContract).
/// </summary>
public interface IResultStore : IDetectionSink, IDisposable
{
    /// <summary>Makes everything written so far durable and visible to the read methods.</summary>
    void Flush();

    /// <summary>Readings in event-time order (then pump), streamed.</summary>
    IEnumerable<Reading> Readings(StoreQuery query);

    /// <summary>Windows whose start lies in the query's range, by end then pump.</summary>
    IReadOnlyList<StoredWindow> Windows(StoreQuery query);

    /// <summary>Alert events whose window end lies in the query's range, by window end then pump.</summary>
    IReadOnlyList<StoredAlert> Alerts(StoreQuery query);

    /// <summary>Quarantined records (those without a time match only an unbounded range), in arrival order.</summary>
    IReadOnlyList<StoredQuarantine> Quarantined(StoreQuery query);
}
