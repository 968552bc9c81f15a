namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>
/// One measure of a multi-measure record (shape MeasureValue, only allowed with MeasureValueType MULTI): name, the value
/// as text (1 to 2048 characters) and its <see cref="MeasureValueType"/>.
/// </summary>
public sealed record MeasureValue(string Name, string Value, string Type);
