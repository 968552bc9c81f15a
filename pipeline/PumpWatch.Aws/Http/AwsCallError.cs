using System.Net;

namespace PumpWatch.Aws.Http;

/// <summary>One failed attempt as the retry loop sees it.</summary>
internal readonly record struct AwsCallError(HttpStatusCode StatusCode, string ErrorCode, string Message, string? RequestId, bool Retryable);
