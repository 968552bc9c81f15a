namespace PumpWatch.Aws.Timestream.Discovery;

/// <summary>A discovered address and the time (from the injected clock) after which it must be discovered again.</summary>
internal sealed record CachedEndpoint(Uri Address, DateTimeOffset Expires);
