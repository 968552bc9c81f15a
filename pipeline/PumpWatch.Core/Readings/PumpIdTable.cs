namespace PumpWatch.Core.Readings;

/// <summary>Interns pump ids so that a reading of a known pump allocates no string.</summary>
public sealed class PumpIdTable
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public PumpIdTable() => _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _ids.Count;

    public string Intern(ReadOnlySpan<char> id)
    {
        if (_lookup.TryGetValue(id, out var existing))
        {
            return existing;
        }

        var text = id.ToString();
        _ids.Add(text);
        return text;
    }
}
