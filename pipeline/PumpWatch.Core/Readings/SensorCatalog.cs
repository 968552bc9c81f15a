namespace PumpWatch.Core.Readings;

/// <summary>
/// Interns sensor names to dense indices so per-reading code works on arrays, not dictionaries of strings.
/// Lookups by <see cref="ReadOnlySpan{T}"/> of chars do not allocate; only a new name allocates once.
/// </summary>
public sealed class SensorCatalog
{
    /// <summary>Upper bound on distinct sensors, so garbage field names cannot grow state without bound.</summary>
    public const int MaxSensors = 64;

    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<SensorSpec> _specs = [];
    private readonly Dictionary<string, SensorSpec> _configured = new(StringComparer.Ordinal);

    public SensorCatalog(IEnumerable<SensorSpec>? specs = null)
    {
        _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var spec in specs ?? SensorSpec.Defaults)
        {
            _configured[spec.Name] = spec;
            GetOrAdd(spec.Name);
        }
    }

    /// <summary>Number of sensors known so far.</summary>
    public int Count => _specs.Count;

    public SensorSpec this[int index] => _specs[index];

    public IReadOnlyList<SensorSpec> Specs => _specs;

    public bool TryGetIndex(ReadOnlySpan<char> name, out int index) => _lookup.TryGetValue(name, out index);

    public bool TryGetIndex(string name, out int index) => _index.TryGetValue(name, out index);

    /// <summary>Returns the index of <paramref name="name"/>, adding it when new; -1 when the catalog is full.</summary>
    public int GetOrAdd(ReadOnlySpan<char> name)
    {
        if (_lookup.TryGetValue(name, out var index))
        {
            return index;
        }

        if (_specs.Count >= MaxSensors)
        {
            return -1;
        }

        var text = name.ToString();
        index = _specs.Count;
        _specs.Add(_configured.TryGetValue(text, out var spec) ? spec : SensorSpec.Unbounded(text));
        _index[text] = index;
        return index;
    }
}
