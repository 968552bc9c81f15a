namespace PumpWatch.Core.Alerts;

/// <summary>
/// Where each pump's alert-policy state lives between batches (DynamoDB for the Lambda, DuckDB on one machine), stored
/// with the window end it has been applied through. Writes are conditional on that window end, so when two workers
/// (or a retry) apply the same window to the same pump exactly one of them wins, and only the winner sends its alerts.
/// </summary>
/// <remarks>
/// Times are epoch microseconds, the pipeline's unit (<see cref="Readings.EventTime"/>). A write whose outcome is unknown
/// (a timeout after the store applied it, retried by the client) reports that it lost: alerts are sent at most once.
/// </remarks>
public interface IAlertStateStore
{
    /// <summary>
    /// The stored states of <paramref name="pumpIds"/> (duplicates allowed), keyed by pump id; a pump with no stored state
    /// is absent. A stored state that does not parse comes back as <see cref="AlertState.Initial"/> with its problem.
    /// </summary>
    Task<IReadOnlyDictionary<string, AppliedAlertState>> ReadAsync(IReadOnlyCollection<string> pumpIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="state"/> for <paramref name="pumpId"/> as applied through <paramref name="windowEnd"/>, only if
    /// the stored window end is absent or earlier. Returns whether it was stored (won); false, not an error, when an equal
    /// or later window end is already there.
    /// </summary>
    Task<bool> TryWriteAsync(string pumpId, AlertState state, long windowEnd, CancellationToken cancellationToken = default);

    /// <summary>For implementations of <see cref="ReadAsync"/>: the pump ids asked for, each once (ordinal), none null or empty.</summary>
    /// <exception cref="ArgumentException">An id is null or empty.</exception>
    public static HashSet<string> DistinctPumpIds(IReadOnlyCollection<string> pumpIds)
    {
        ArgumentNullException.ThrowIfNull(pumpIds);
        var distinct = new HashSet<string>(pumpIds.Count, StringComparer.Ordinal);
        foreach (var pump in pumpIds)
        {
            ArgumentException.ThrowIfNullOrEmpty(pump, nameof(pumpIds));
            distinct.Add(pump);
        }

        return distinct;
    }
}
