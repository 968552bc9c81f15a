using System.Globalization;
using PumpWatch.Aws.Timestream.Query.Model;

namespace PumpWatch.Aws.Timestream.Query;

/// <summary>
/// One result row with typed access by ordinal or column name (<c>row["pump_id"].AsString()</c>,
/// <c>row.GetDouble("score")</c>). Also the value of a ROW column, whose fields are described by RowColumnInfo.
/// </summary>
public sealed class QueryRow
{
    private readonly QueryColumns _columns;
    private readonly QueryValue[] _values;

    private QueryRow(QueryColumns columns, QueryValue[] values)
    {
        _columns = columns;
        _values = values;
    }

    /// <summary>The columns, as the response's ColumnInfo gave them.</summary>
    public IReadOnlyList<ColumnInfo> Columns => _columns.Columns;

    public int Count => _values.Length;

    public QueryValue this[int ordinal] => _values[ordinal];

    /// <summary>The value of the column named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such column (the message lists the columns there are).</exception>
    public QueryValue this[string name] => TryGet(name, out var value)
        ? value
        : throw new KeyNotFoundException($"the query result has no column '{name}' (columns: {string.Join(", ", Columns.Select(c => c?.Name))})");

    /// <summary>The value of a column that may be absent: a multi-measure attribute never written is no column at all.</summary>
    public bool TryGet(string name, out QueryValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_columns.TryGetOrdinal(name, out var ordinal))
        {
            value = _values[ordinal];
            return true;
        }

        value = QueryValue.NullValue;
        return false;
    }

    /// <summary>A DOUBLE, BIGINT or INTEGER column as a double; NaN when the column is absent or null.</summary>
    public double GetDouble(string name) => TryGet(name, out var v) && !v.IsNull ? v.AsDouble() : double.NaN;

    /// <summary>A BIGINT or INTEGER column; null when absent or null.</summary>
    public long? GetInt64(string name) => TryGet(name, out var v) && !v.IsNull ? v.AsInt64() : null;

    /// <summary>A scalar column's text; null when absent or null.</summary>
    public string? GetString(string name) => TryGet(name, out var v) && !v.IsNull ? v.AsString() : null;

    /// <summary>A BOOLEAN column; null when absent or null.</summary>
    public bool? GetBoolean(string name) => TryGet(name, out var v) && !v.IsNull ? v.AsBoolean() : null;

    /// <summary>A TIMESTAMP (or DATE) column as event time, microseconds since the epoch; null when absent or null.</summary>
    public long? GetEventTime(string name) => TryGet(name, out var v) && !v.IsNull ? v.AsEventTime() : null;

    internal static QueryRow From(QueryColumns columns, Row row)
    {
        var data = row?.Data ?? [];
        if (data.Count != columns.Columns.Count)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                $"a Query result row has {data.Count} values for {columns.Columns.Count} columns"));
        }

        var values = new QueryValue[data.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var column = columns.Columns[i];
            values[i] = QueryValue.From(data[i], column?.Type, column?.Name);
        }

        return new QueryRow(columns, values);
    }
}
