using PumpWatch.Aws.Http;

namespace PumpWatch.Aws.Timestream.Write.Model;

/// <summary>
/// WriteRecords refused some records (error RejectedRecordsException, HTTP 419): <see cref="RejectedRecords"/> lists
/// each by its index in that call's Records, with the reason and, for a version conflict, the stored version. Records
/// not listed were written. An <see cref="AwsServiceException"/>, as in the official SDK.
/// </summary>
public sealed class RejectedRecordsException : AwsServiceException
{
    public const string Code = "RejectedRecordsException";

    public RejectedRecordsException()
    {
    }

    public RejectedRecordsException(string message)
        : base(message)
    {
    }

    public RejectedRecordsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private RejectedRecordsException(AwsServiceException source, IReadOnlyList<RejectedRecord> rejectedRecords)
        : base(source)
    {
        RejectedRecords = rejectedRecords;
    }

    /// <summary>The records refused, as the service listed them (indices into the request's Records).</summary>
    public IReadOnlyList<RejectedRecord> RejectedRecords { get; } = [];

    /// <summary>
    /// The typed error for a generic one whose code is RejectedRecordsException and whose body lists the records; null
    /// when the body does not parse or lists none, so the caller keeps the generic error rather than count refused
    /// records as written.
    /// </summary>
    internal static RejectedRecordsException? TryFrom(AwsServiceException error)
    {
        if (error.ErrorCode != Code || string.IsNullOrEmpty(error.ErrorBody))
        {
            return null;
        }

        try
        {
            var body = System.Text.Json.JsonSerializer.Deserialize(error.ErrorBody, TimestreamJsonContext.Default.RejectedRecordsError);
            return body?.RejectedRecords is { Count: > 0 } rejected ? new RejectedRecordsException(error, rejected) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
