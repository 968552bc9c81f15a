using System.Net;

namespace PumpWatch.Aws.Http;

/// <summary>
/// One failed attempt as the retry loop sees it. <see cref="Body"/> is the error response's body as text, kept for
/// errors with members beyond code and message (Timestream's RejectedRecordsException lists RejectedRecords).
/// </summary>
internal readonly record struct AwsCallError(HttpStatusCode StatusCode, string ErrorCode, string Message, string? RequestId, bool Retryable, string? Body = null);
