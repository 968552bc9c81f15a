namespace PumpWatch.Aws.Timestream.Query.Model;

/// <summary>
/// One value of a result (shape Datum): exactly one member is set, a scalar as text, a time series, an array, a row, or
/// NullValue true. See <see cref="Query.QueryValue"/> for the typed view.
/// </summary>
public sealed record Datum
{
    public string? ScalarValue { get; init; }

    public IReadOnlyList<TimeSeriesDataPoint>? TimeSeriesValue { get; init; }

    public IReadOnlyList<Datum>? ArrayValue { get; init; }

    public Row? RowValue { get; init; }

    public bool? NullValue { get; init; }
}
