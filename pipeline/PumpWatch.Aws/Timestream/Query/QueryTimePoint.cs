namespace PumpWatch.Aws.Timestream.Query;

/// <summary>One point of a TIMESERIES value: its time as event time (microseconds since the epoch, UTC) and its value.</summary>
public sealed record QueryTimePoint(long Time, QueryValue Value);
