using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Input;

/// <summary>
/// Something a file reader refused before it became a reading (a sensor cell that is not a number, a time outside
/// years 1..9999), on its way to the pipeline's quarantine. <paramref name="Raw"/> is the row as written in the file.
/// </summary>
internal sealed record RejectedValue(string? PumpId, long? Timestamp, QuarantineReason Reason, string Detail, byte[] Raw);
