namespace PumpWatch.Aws.Timestream.Model;

/// <summary>
/// One address to send Timestream calls to and how long it may be used (shape Endpoint, the same in
/// timestream-write and timestream-query: Address and CachePeriodInMinutes, both required).
/// </summary>
public sealed record Endpoint(string Address, long CachePeriodInMinutes);
