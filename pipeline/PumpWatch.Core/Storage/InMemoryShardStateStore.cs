using System.Collections.Concurrent;

namespace PumpWatch.Core.Storage;

/// <summary>Shard states in memory, for tests and hosts that need no durability; thread-safe, conditional like the others.</summary>
public sealed class InMemoryShardStateStore : IShardStateStore
{
    private readonly ConcurrentDictionary<string, ShardState> _states = new(StringComparer.Ordinal);

    public Task<ShardState?> LoadAsync(string shardKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(_states.TryGetValue(shardKey, out var state) ? state : null);

    public Task<bool> TrySaveAsync(string shardKey, ShardState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        while (true)
        {
            if (!_states.TryGetValue(shardKey, out var stored))
            {
                if (_states.TryAdd(shardKey, state))
                {
                    return Task.FromResult(true);
                }

                continue;
            }

            if (stored.ThroughWindowEnd >= state.ThroughWindowEnd)
            {
                return Task.FromResult(false);
            }

            if (_states.TryUpdate(shardKey, state, stored))
            {
                return Task.FromResult(true);
            }
        }
    }
}
