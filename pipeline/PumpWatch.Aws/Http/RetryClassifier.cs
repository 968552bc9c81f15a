using System.Net;

namespace PumpWatch.Aws.Http;

/// <summary>
/// Which failures are worth another attempt: throttling codes and 5xx (the AWS SDKs' "standard" retry mode,
/// botocore's <c>retries/standard.py</c> lists the same codes), plus 429, plus SNS's own throttling codes
/// (<c>Throttled</c> and <c>KMSThrottling</c>: ThrottledException and KMSThrottlingException in the model sns-2010-03-31).
/// Everything else is the caller's error.
/// </summary>
internal static class RetryClassifier
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException", "Throttled", "KMSThrottling",
    };

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "RequestTimeout", "RequestTimeoutException", "InternalFailure", "InternalFailureException", "ServiceUnavailable",
    };

    public static bool IsThrottling(string errorCode) => ThrottlingCodes.Contains(errorCode);

    public static bool IsRetryable(HttpStatusCode status, string errorCode) =>
        (int)status >= 500 || status == HttpStatusCode.TooManyRequests || IsThrottling(errorCode) || TransientCodes.Contains(errorCode);
}
