namespace PumpWatch.Core.Storage;

/// <summary>What to read back from a store: an event-time range [From, To) and optionally some pumps. Null means unbounded or all.</summary>
public sealed record StoreQuery(long? From = null, long? To = null, IReadOnlySet<string>? Pumps = null)
{
    public static StoreQuery All { get; } = new();

    public bool Includes(string pumpId, long time) =>
        (From is null || time >= From) && (To is null || time < To) && (Pumps is null || Pumps.Contains(pumpId));
}
