namespace PumpWatch.Core.Readings;

/// <summary>
/// Pump ids a parser has resolved, keyed by the bytes of their JSON token (string content or number text, unescaped),
/// so a known pump costs one short byte comparison instead of a copy to chars, <see cref="PumpIds.Normalize(ReadOnlySpan{char}, Span{char})"/>
/// and a hash lookup. The token's bytes decide the id (the same normalisation runs on a string's characters and on a
/// number's text, and <see cref="PumpIdTable"/> never forgets an id), so a hit is what the full path would return.
/// </summary>
/// <remarks>
/// Direct-mapped with keys in one preallocated buffer: a fleet larger than the cache, or ids that collide, only miss
/// (and take the full path); replacing an entry allocates nothing, so hostile ids cannot grow it or make parsing allocate.
/// </remarks>
internal sealed class PumpIdCache
{
    /// <summary>Longer tokens are not cached (ids are short in practice).</summary>
    public const int MaxKeyBytes = 32;

    private const int Slots = 128;

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

        var slot = Slot(token);
        return _lengths[slot] == token.Length && token.SequenceEqual(_keys.AsSpan(slot * MaxKeyBytes, token.Length)) ? _ids[slot] : null;
    }

    public void Add(ReadOnlySpan<byte> token, string id)
    {
        if (token.Length is 0 or > MaxKeyBytes)
        {
            return;
        }

        var slot = Slot(token);
        token.CopyTo(_keys.AsSpan(slot * MaxKeyBytes));
        _lengths[slot] = token.Length;
        _ids[slot] = id;
    }

    private static int Slot(ReadOnlySpan<byte> token)
    {
        // FNV-1a: ids such as pump-001 ... pump-100 differ in their last bytes, which this spreads over all slots.
        var hash = 2_166_136_261u;
        foreach (var b in token)
        {
            hash = (hash ^ b) * 16_777_619u;
        }

        return (int)((hash ^ (hash >> 15)) & (Slots - 1));
    }
}
