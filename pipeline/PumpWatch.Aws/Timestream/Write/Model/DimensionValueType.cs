namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>Values of Dimension.DimensionValueType (enum DimensionValueType in the model).</summary>
public static class DimensionValueType
{
    public const string Varchar = "VARCHAR";
}
