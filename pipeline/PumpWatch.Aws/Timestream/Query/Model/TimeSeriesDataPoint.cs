namespace PumpWatch.Aws.Timestream.Query.Model;

/// <summary>One point of a TIMESERIES value (shape TimeSeriesDataPoint): the time as the service writes timestamps, and the value.</summary>
public sealed record TimeSeriesDataPoint(string Time, Datum Value);
