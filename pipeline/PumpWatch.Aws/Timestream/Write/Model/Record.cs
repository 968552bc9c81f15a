namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>
/// A time-series data point to write (shape Record), also used as WriteRecords' CommonAttributes. Members are declared
/// in the model's order (Dimensions, MeasureName, MeasureValue, MeasureValueType, Time, TimeUnit, Version,
/// MeasureValues), which is the order they are serialised in; absent members are left out.
/// </summary>
/// <remarks>
/// Time is text: the number of <see cref="TimeUnit"/>s since the epoch. Version (64-bit, at least 1, default 1) decides
/// upserts: a record with the same dimensions, time and measure name replaces the stored one only with a higher version.
/// </remarks>
public sealed record Record
{
    public IReadOnlyList<Dimension>? Dimensions { get; init; }

    public string? MeasureName { get; init; }

    public string? MeasureValue { get; init; }

    public string? MeasureValueType { get; init; }

    public string? Time { get; init; }

    public string? TimeUnit { get; init; }

    public long? Version { get; init; }

    public IReadOnlyList<MeasureValue>? MeasureValues { get; init; }
}
