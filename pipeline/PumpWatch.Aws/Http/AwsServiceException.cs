using System.Net;

namespace PumpWatch.Aws.Http;

/// <summary>
/// A call to an AWS service that failed for good: the service's error code (or a client-side code such as
/// <c>MalformedResponse</c>), its request id, the HTTP status and how many attempts were made.
/// </summary>
/// <remarks>
/// Not sealed on purpose: an error with members of its own derives from it (as in the official SDKs, where
/// <c>RejectedRecordsException</c> is an <c>AmazonServiceException</c>), so a caller catching this type still catches it.
/// </remarks>
public class AwsServiceException : Exception
{
    public AwsServiceException()
    {
    }

    public AwsServiceException(string message)
        : base(message)
    {
    }

    public AwsServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal AwsServiceException(AwsCallError error, string service, string operation, int attempts, Exception? innerException = null)
        : base($"{service}.{operation} failed after {attempts} attempt(s): {(int)error.StatusCode} {error.ErrorCode}: {error.Message} (request id {error.RequestId ?? "none"})", innerException)
    {
        ErrorCode = error.ErrorCode;
        RequestId = error.RequestId;
        StatusCode = error.StatusCode;
        Service = service;
        Operation = operation;
        Attempts = attempts;
        Retryable = error.Retryable;
        ErrorBody = error.Body;
    }

    /// <summary>A typed error built from the generic one: the same message, inner exception and properties.</summary>
    protected AwsServiceException(AwsServiceException source)
        : base(source?.Message, source?.InnerException)
    {
        ArgumentNullException.ThrowIfNull(source);
        ErrorCode = source.ErrorCode;
        RequestId = source.RequestId;
        StatusCode = source.StatusCode;
        Service = source.Service;
        Operation = source.Operation;
        Attempts = source.Attempts;
        Retryable = source.Retryable;
        ErrorBody = source.ErrorBody;
    }

    /// <summary>The AWS error code (<c>ResourceNotFoundException</c>, <c>ThrottlingException</c>, ...).</summary>
    public string ErrorCode { get; } = "Unknown";

    /// <summary>The <c>x-amzn-RequestId</c> of the last attempt, for AWS support; null if the service sent none.</summary>
    public string? RequestId { get; }

    /// <summary>HTTP status of the last attempt; 0 when no response arrived (network error, timeout).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Service name as in the log line, e.g. <c>Kinesis</c>.</summary>
    public string Service { get; } = "";

    /// <summary>Operation name, e.g. <c>PutRecords</c>.</summary>
    public string Operation { get; } = "";

    /// <summary>Attempts made, the first included.</summary>
    public int Attempts { get; }

    /// <summary>Whether the last error was of a retryable kind (so the call stopped on its attempt or time budget).</summary>
    public bool Retryable { get; }

    /// <summary>The error response's body as the service sent it (null without a response), for members beyond code and message.</summary>
    public string? ErrorBody { get; }
}
