namespace PumpWatch.Aws.Timestream.Query.Model;

/// <summary>
/// The type of a result column (shape Type, named as in the model and the official SDKs): a <see cref="Model.ScalarType"/>,
/// or an array, time series or row, described by the nested column info.
/// </summary>
public sealed record Type
{
    public string? ScalarType { get; init; }

    public ColumnInfo? ArrayColumnInfo { get; init; }

    public ColumnInfo? TimeSeriesMeasureValueColumnInfo { get; init; }

    public IReadOnlyList<ColumnInfo>? RowColumnInfo { get; init; }
}
