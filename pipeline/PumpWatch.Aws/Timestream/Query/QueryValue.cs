using System.Globalization;
using System.Text;
using PumpWatch.Aws.Timestream.Query.Model;
using PumpWatch.Core.Readings;

namespace PumpWatch.Aws.Timestream.Query;

/// <summary>
/// One value of a Query result with its column type: a scalar (Timestream sends every scalar as text and the column's
/// ScalarType says how to read it), null, an array, a nested row or a time series. The <c>As...</c> accessors read it;
/// asking a value for a type it is not throws <see cref="FormatException"/> naming the column, its type and the text.
/// </summary>
public sealed class QueryValue
{
    private readonly string? _text;
    private readonly IReadOnlyList<QueryValue>? _items;
    private readonly QueryRow? _row;
    private readonly IReadOnlyList<QueryTimePoint>? _points;

    private QueryValue(QueryValueKind kind, Model.Type? type, string? column, string? text = null,
        IReadOnlyList<QueryValue>? items = null, QueryRow? row = null, IReadOnlyList<QueryTimePoint>? points = null)
    {
        Kind = kind;
        Type = type;
        Column = column;
        _text = text;
        _items = items;
        _row = row;
        _points = points;
    }

    /// <summary>A null of unknown type (what <see cref="QueryRow.TryGet"/> gives for an absent column).</summary>
    public static QueryValue NullValue { get; } = new(QueryValueKind.Null, null, null);

    public QueryValueKind Kind { get; }

    /// <summary>The column's type from ColumnInfo (null when the response gave none).</summary>
    public Model.Type? Type { get; }

    /// <summary>The column's name, for messages (null inside arrays).</summary>
    public string? Column { get; }

    public bool IsNull => Kind == QueryValueKind.Null;

    /// <summary>The column's ScalarType (VARCHAR, DOUBLE, ...), null for complex types.</summary>
    public string? ScalarType => Type?.ScalarType;

    /// <summary>A scalar's text exactly as sent.</summary>
    public string AsString() => Kind == QueryValueKind.Scalar ? _text! : throw Mismatch("a scalar");

    /// <summary>DOUBLE (including NaN and Infinity as Timestream spells them), BIGINT or INTEGER as a double.</summary>
    public double AsDouble() => Kind == QueryValueKind.Scalar && double.TryParse(_text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        ? value
        : throw Mismatch("a number");

    /// <summary>BIGINT or INTEGER.</summary>
    public long AsInt64() => Kind == QueryValueKind.Scalar && long.TryParse(_text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
        ? value
        : throw Mismatch("an integer");

    /// <summary>BOOLEAN (<c>true</c> or <c>false</c>).</summary>
    public bool AsBoolean() => Kind == QueryValueKind.Scalar && bool.TryParse(_text, out var value) ? value : throw Mismatch("a boolean");

    /// <summary>
    /// TIMESTAMP (<c>2026-05-01 12:00:00.123456789</c>, nanoseconds, UTC) or DATE as event time: microseconds since the
    /// epoch, the project's time (<see cref="EventTime"/>); digits beyond microseconds are dropped.
    /// </summary>
    public long AsEventTime()
    {
        if (Kind == QueryValueKind.Scalar && TryParseTimestamp(_text!, out var micros))
        {
            return micros;
        }

        throw Mismatch("a timestamp");
    }

    /// <summary>An ARRAY's elements.</summary>
    public IReadOnlyList<QueryValue> AsArray() => _items ?? throw Mismatch("an array");

    /// <summary>A ROW's fields.</summary>
    public QueryRow AsRow() => _row ?? throw Mismatch("a row");

    /// <summary>A TIMESERIES's points in the order sent (ascending time, per the model).</summary>
    public IReadOnlyList<QueryTimePoint> AsTimeSeries() => _points ?? throw Mismatch("a time series");

    public override string ToString() => Kind switch
    {
        QueryValueKind.Null => "null",
        QueryValueKind.Scalar => _text!,
        QueryValueKind.Array => $"array[{_items!.Count}]",
        QueryValueKind.Row => $"row[{_row!.Count}]",
        _ => $"timeseries[{_points!.Count}]",
    };

    /// <summary>A Datum read with its column's type; a Datum with no member set reads as null.</summary>
    internal static QueryValue From(Datum? datum, Model.Type? type, string? column)
    {
        if (datum is null || datum.NullValue == true)
        {
            return new QueryValue(QueryValueKind.Null, type, column);
        }

        if (datum.ScalarValue is { } text)
        {
            return new QueryValue(QueryValueKind.Scalar, type, column, text);
        }

        if (datum.ArrayValue is { } array)
        {
            var elementType = type?.ArrayColumnInfo?.Type;
            var items = new QueryValue[array.Count];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = From(array[i], elementType, column);
            }

            return new QueryValue(QueryValueKind.Array, type, column, items: items);
        }

        if (datum.RowValue is { } row)
        {
            var fields = new QueryColumns(type?.RowColumnInfo ?? []);
            return new QueryValue(QueryValueKind.Row, type, column, row: QueryRow.From(fields, row));
        }

        if (datum.TimeSeriesValue is { } series)
        {
            var valueType = type?.TimeSeriesMeasureValueColumnInfo?.Type;
            var points = new QueryTimePoint[series.Count];
            for (var i = 0; i < points.Length; i++)
            {
                var point = series[i];
                if (point?.Time is not { } time || !TryParseTimestamp(time, out var micros))
                {
                    throw new FormatException($"column '{column}': time series point {i} has the time '{point?.Time}', not a timestamp");
                }

                points[i] = new QueryTimePoint(micros, From(point.Value, valueType, column));
            }

            return new QueryValue(QueryValueKind.TimeSeries, type, column, points: points);
        }

        return new QueryValue(QueryValueKind.Null, type, column);
    }

    private static bool TryParseTimestamp(string text, out long micros)
    {
        // DATE (yyyy-MM-dd) is midnight UTC; TIMESTAMP has EventTime's "yyyy-MM-dd hh:mm:ss.fraction" form.
        var value = text.Length == 10 ? text + " 00:00" : text;
        return EventTime.TryParseIso(Encoding.UTF8.GetBytes(value), out micros);
    }

    private FormatException Mismatch(string wanted) =>
        new($"column '{Column}' ({ScalarType ?? Kind.ToString()}) holds {(Kind == QueryValueKind.Scalar ? $"'{_text}'" : Kind.ToString().ToLowerInvariant())}, not {wanted}");
}
