namespace PumpWatch.Aws.Timestream.Query;

/// <summary>Which member of a Datum a <see cref="QueryValue"/> came from.</summary>
public enum QueryValueKind
{
    /// <summary>NullValue true (or a Datum with no member set).</summary>
    Null,

    /// <summary>ScalarValue: text, read by the column's ScalarType.</summary>
    Scalar,

    /// <summary>ArrayValue: a list of values of the ArrayColumnInfo type.</summary>
    Array,

    /// <summary>RowValue: a nested row described by RowColumnInfo.</summary>
    Row,

    /// <summary>TimeSeriesValue: time and value points, values of the TimeSeriesMeasureValueColumnInfo type.</summary>
    TimeSeries,
}
