using PumpWatch.Aws.Timestream.Query.Model;

namespace PumpWatch.Aws.Timestream.Query;

/// <summary>A page's (or a ROW type's) columns with a name index, built once and shared by its rows.</summary>
internal sealed class QueryColumns
{
    private readonly Dictionary<string, int> _byName = new(StringComparer.Ordinal);

    public QueryColumns(IReadOnlyList<ColumnInfo> columns)
    {
        Columns = columns;
        for (var i = 0; i < columns.Count; i++)
        {
            // The first column of a name wins, as in SQL result sets with duplicate names.
            if (columns[i]?.Name is { } name)
            {
                _byName.TryAdd(name, i);
            }
        }
    }

    public IReadOnlyList<ColumnInfo> Columns { get; }

    public bool TryGetOrdinal(string name, out int ordinal) => _byName.TryGetValue(name, out ordinal);
}
