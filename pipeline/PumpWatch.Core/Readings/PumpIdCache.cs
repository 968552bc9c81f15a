namespace PumpWatch.Core.Readings;

/// <summary>
/// Pump ids a parser has resolved, keyed by the bytes of their JSON token (string content or number text, unescaped),
/// so a known pump costs one short byte comparison instead of a copy to chars, <see cref="PumpIds.Normalize(ReadOnlySpan{char}, Span{char})"/>
/// and a hash lookup. The token's bytes decide the id (the same normalisation runs on a string's characters and on a
/// number's text, and <see cref="PumpIdTable"/> never forgets an id), so a hit is what the full path would return.
/// </summary>
/// <remarks>
/// Keys in one preallocated buffer, each key in one of two slots chosen by two hashes: a fleet larger than the cache, or
/// ids that collide, only miss (and take the full path); replacing an entry allocates nothing, so hostile ids cannot grow
/// it or make parsing allocate. The first version was direct-mapped with 128 slots: with the handler benchmark's 200
/// pumps (a shard easily holds more) most ids missed in turn, and the full path was 10% of an invocation's CPU.
/// 2,048 slots keep every array below the large-object heap's 85,000 bytes (about 90 KB per parser in all).
/// </remarks>
internal sealed class PumpIdCache
{
    /// <summary>Longer tokens are not cached (ids are short in practice).</summary>
    public const int MaxKeyBytes = 32;

    private const int Slots = 2048;

    private readonly byte[] _keys = new byte[Slots * MaxKeyBytes];
    private readonly int[] _lengths = new int[Slots];
    private readonly string?[] _ids = new string?[Slots];

    /// <summary>The id resolved earlier from exactly these bytes, or null.</summary>
    public string? Find(ReadOnlySpan<byte> token)
    {
        if (token.Length is 0 or > MaxKeyBytes)
        {
            return null;
        }

        var (first, second) = Slots2(token);
        return Holds(first, token) ? _ids[first] : Holds(second, token) ? _ids[second] : null;
    }

    public void Add(ReadOnlySpan<byte> token, string id)
    {
        if (token.Length is 0 or > MaxKeyBytes)
        {
            return;
        }

        // The first slot unless it holds another key and the second is free.
        var (first, second) = Slots2(token);
        var slot = _ids[first] is not null && !Holds(first, token) && _ids[second] is null ? second : first;
        token.CopyTo(_keys.AsSpan(slot * MaxKeyBytes));
        _lengths[slot] = token.Length;
        _ids[slot] = id;
    }

    private bool Holds(int slot, ReadOnlySpan<byte> token) =>
        _lengths[slot] == token.Length && token.SequenceEqual(_keys.AsSpan(slot * MaxKeyBytes, token.Length));

    private static (int First, int Second) Slots2(ReadOnlySpan<byte> token)
    {
        // FNV-1a: ids such as pump-001 ... pump-100 differ in their last bytes, which this spreads over all slots; the
        // second slot comes from the hash's high bits.
        var hash = 2_166_136_261u;
        foreach (var b in token)
        {
            hash = (hash ^ b) * 16_777_619u;
        }

        return ((int)((hash ^ (hash >> 15)) & (Slots - 1)), (int)((hash >> 19) & (Slots - 1)));
    }
}
