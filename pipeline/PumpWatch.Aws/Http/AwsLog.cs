using Microsoft.Extensions.Logging;

namespace PumpWatch.Aws.Http;

/// <summary>Every log line the AWS clients write: one per call, with service, operation, latency and retries; one per store flush that had rows refused.</summary>
internal static partial class AwsLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information,
        Message = "{Service}.{Operation} {StatusCode} in {LatencyMs} ms, {Retries} retries")]
    public static partial void CallSucceeded(ILogger logger, string service, string operation, int statusCode, long latencyMs, int retries);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning,
        Message = "{Service}.{Operation} failed {StatusCode} {ErrorCode} (request id {RequestId}) in {LatencyMs} ms, {Retries} retries")]
    public static partial void CallFailed(ILogger logger, string service, string operation, int statusCode, string errorCode, string? requestId, long latencyMs, int retries);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information,
        Message = "{Service}.{Operation} cancelled in {LatencyMs} ms, {Retries} retries")]
    public static partial void CallCancelled(ILogger logger, string service, string operation, long latencyMs, int retries);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Warning,
        Message = "Timestream refused {Rejected} of {Rows} rows in {Calls} WriteRecords calls; first: {Table} row of pump {PumpId}: {Reason}")]
    public static partial void RowsRejected(ILogger logger, int rejected, int rows, int calls, string table, string? pumpId, string reason);
}
