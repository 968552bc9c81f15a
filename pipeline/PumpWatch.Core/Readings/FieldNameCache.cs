namespace PumpWatch.Core.Readings;

/// <summary>
/// Field names a parser has resolved, as their raw UTF-8 bytes, with what each means (pump id, timestamp, or a sensor's
/// catalog index). Devices send the same fields in the same order, so a field is usually recognised by one byte
/// comparison at its own position, with no copy to chars and no hashing. Holds at most <see cref="Capacity"/> names,
/// added once each, so hostile input cannot grow it.
/// </summary>
internal sealed class FieldNameCache
{
    public const int Capacity = 16;
    public const int Unknown = -1;
    public const int PumpId = -2;
    public const int Timestamp = -3;

    private readonly byte[][] _names = new byte[Capacity][];
    private readonly int[] _meanings = new int[Capacity];
    private int _count;

    /// <summary>The meaning of <paramref name="name"/>, trying position <paramref name="hint"/> first; <see cref="Unknown"/> if not cached.</summary>
    public int Find(ReadOnlySpan<byte> name, int hint)
    {
        if ((uint)hint < (uint)_count && name.SequenceEqual(_names[hint]))
        {
            return _meanings[hint];
        }

        for (var i = 0; i < _count; i++)
        {
            if (name.SequenceEqual(_names[i]))
            {
                return _meanings[i];
            }
        }

        return Unknown;
    }

    public void Add(ReadOnlySpan<byte> name, int meaning)
    {
        if (_count < Capacity && Find(name, -1) == Unknown)
        {
            _names[_count] = name.ToArray();
            _meanings[_count++] = meaning;
        }
    }
}
