namespace PumpWatch.Aws.Timestream.Query.Model;

/// <summary>One row of a result, or the value of a ROW column (shape Row): its data points in column order.</summary>
public sealed record Row(IReadOnlyList<Datum> Data);
