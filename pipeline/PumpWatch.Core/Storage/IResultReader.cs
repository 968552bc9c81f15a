using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Storage;

/// <summary>The read side of a store: what training, backtests and dashboards query.</summary>
public interface IResultReader
{
    /// <summary>Readings in event-time order (then pump), streamed.</summary>
    IEnumerable<Reading> Readings(StoreQuery query);

    /// <summary>Windows whose start lies in the query's range, by end then pump.</summary>
    IReadOnlyList<StoredWindow> Windows(StoreQuery query);

    /// <summary>Alert events whose window end lies in the query's range, by window end then pump.</summary>
    IReadOnlyList<StoredAlert> Alerts(StoreQuery query);

    /// <summary>Quarantined records (those without a time match only an unbounded range), in arrival order.</summary>
    IReadOnlyList<StoredQuarantine> Quarantined(StoreQuery query);
}
