namespace PumpWatch.Core.Storage;

/// <summary>
/// Where a shard's <see cref="ShardState"/> waits between host windows. A Lambda's tumbling-window state starts empty in
/// every window, so what must outlive one (when each pump last reported, which pumps are silent) is saved here on the
/// window's final invoke: DynamoDB in AWS, the DuckDB store for <c>pumpwatch consume</c> (there in the same transaction as
/// the window's results, so the sequence number is a checkpoint). Saves are conditional on the window end, so a
/// retried or stale worker never overwrites a later window's state.
/// </summary>
public interface IShardStateStore
{
    /// <summary>The state saved for <paramref name="shardKey"/> (stream and shard), or null before the first save.</summary>
    Task<ShardState?> LoadAsync(string shardKey, CancellationToken cancellationToken = default);

    /// <summary>Saves <paramref name="state"/> unless a state through the same or a later window end is there; returns whether it did.</summary>
    Task<bool> TrySaveAsync(string shardKey, ShardState state, CancellationToken cancellationToken = default);
}
