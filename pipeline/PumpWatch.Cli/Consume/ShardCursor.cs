using PumpWatch.Aws.Kinesis.Model;

namespace PumpWatch.Cli.Consume;

/// <summary>
/// Where <c>pumpwatch consume</c> is in one shard: its iterator, the tumbling window open on it (by arrival time), the
/// state the function returned for that window, and the records of the window not handed to the function yet (at least
/// the newest is always held back, so that the window's final invoke carries the sequence number its checkpoint records).
/// </summary>
internal sealed class ShardCursor(string shardId, IReadOnlyList<string> parents)
{
    public string ShardId { get; } = shardId;

    /// <summary>Parent shards (after a reshard) that must be read to their end before this one starts.</summary>
    public IReadOnlyList<string> Parents { get; } = parents;

    public string? Iterator { get; set; }

    /// <summary>True once the shard is closed and read to its end, with its last window closed.</summary>
    public bool Finished { get; set; }

    /// <summary>The last poll returned nothing and the shard is not behind its newest record.</summary>
    public bool CaughtUp { get; set; }

    /// <summary>The open window's number (arrival time / window size), or null between windows.</summary>
    public long? Window { get; set; }

    /// <summary>The first window number this shard may still open: the one after its checkpoint's window.</summary>
    public long FirstOpenWindow { get; set; } = long.MinValue;

    public Dictionary<string, string> State { get; set; } = new(StringComparer.Ordinal);

    public List<Record> Held { get; } = [];

    /// <summary>Records of the open window, handed to the function or held: not covered by a checkpoint yet.</summary>
    public int InWindow { get; set; }
}
