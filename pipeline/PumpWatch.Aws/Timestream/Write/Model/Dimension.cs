namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>
/// A dimension of a record (shape Dimension): name (1 to 60 bytes, ts-limits), value, and DimensionValueType
/// (only VARCHAR exists). Members in model order so the serialised JSON is stable.
/// </summary>
public sealed record Dimension(string Name, string Value)
{
    public string? DimensionValueType { get; init; }
}
