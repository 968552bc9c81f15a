namespace PumpWatch.Core.Readings;

/// <summary>Limits a record must meet to be accepted.</summary>
/// <param name="MaxPayloadBytes">Larger records are quarantined unread (IoT Core caps MQTT payloads at 128 KB).</param>
/// <param name="MaxFutureSkew">How far past the reference time a timestamp may lie (device clocks drift).</param>
public sealed record ValidationOptions(int MaxPayloadBytes = 16 * 1024, TimeSpan? MaxFutureSkew = null)
{
    public static ValidationOptions Default { get; } = new();

    /// <summary>Skew in microseconds; five minutes when not set.</summary>
    public long MaxFutureSkewMicros => (long)(MaxFutureSkew ?? TimeSpan.FromMinutes(5)).TotalMicroseconds;
}
