namespace PumpWatch.Aws.Timestream.Query.Model;

/// <summary>A result column (shape ColumnInfo): its name (absent for array elements) and its <see cref="Model.Type"/>.</summary>
public sealed record ColumnInfo(Type Type)
{
    public string? Name { get; init; }
}
