using System.Globalization;
using System.Text.Json;
using PumpWatch.Aws.Tests.Fakes;

namespace PumpWatch.Aws.Tests.Timestream;

/// <summary>
/// Response bodies written from the timestream-write and timestream-query models' shapes (awsJson1_0: members by name,
/// errors with <c>__type</c> and <c>message</c>), and readers of what the fake server received.
/// </summary>
internal static class TimestreamResponses
{
    /// <summary>DescribeEndpointsResponse: Endpoints, a list of Endpoint {Address, CachePeriodInMinutes}.</summary>
    public static FakeResponse Endpoints(string address, long cachePeriodInMinutes = 1440) =>
        FakeResponse.Json(200, $$$"""{"Endpoints":[{"Address":"{{{address}}}","CachePeriodInMinutes":{{{cachePeriodInMinutes}}}}]}""", "req-endpoints");

    /// <summary>WriteRecordsResponse: RecordsIngested {Total, MemoryStore, MagneticStore}.</summary>
    public static FakeResponse Written(int total) =>
        FakeResponse.Json(200, $$$"""{"RecordsIngested":{"Total":{{{total}}},"MemoryStore":{{{total}}},"MagneticStore":0}}""", "req-write");

    /// <summary>An error: <c>__type</c> with a namespace before the <c>#</c> (which the error parser drops) and <c>message</c>.</summary>
    public static FakeResponse Error(int status, string code, string requestId = "req-error") =>
        FakeResponse.Json(status, $$"""{"__type":"com.amazonaws.timestream.v20181101#{{code}}","message":"{{code}} from the fake"}""", requestId);

    /// <summary>
    /// RejectedRecordsException (httpError 419): Message and RejectedRecords, a list of RejectedRecord
    /// {RecordIndex, Reason, ExistingVersion}.
    /// </summary>
    public static FakeResponse Rejected(params (int Index, string Reason, long? ExistingVersion)[] records)
    {
        var items = records.Select(r => r.ExistingVersion is { } v
            ? $$$"""{"RecordIndex":{{{r.Index}}},"Reason":"{{{r.Reason}}}","ExistingVersion":{{{v}}}}"""
            : $$$"""{"RecordIndex":{{{r.Index}}},"Reason":"{{{r.Reason}}}"}""");
        return FakeResponse.Json(419,
            $$"""{"__type":"com.amazonaws.timestream.v20181101#RejectedRecordsException","message":"One or more records have been rejected.","RejectedRecords":[{{string.Join(',', items)}}]}""",
            "req-rejected");
    }

    /// <summary>The parsed body of a request the fake server received.</summary>
    public static JsonElement Body(FakeRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.Clone();
    }

    /// <summary>The X-Amz-Target operation of a request (after the <c>Timestream_20181101.</c> prefix).</summary>
    public static string Operation(FakeRequest request) => request.Header("X-Amz-Target").Split('.')[^1];

    /// <summary>How many records a WriteRecords request carried.</summary>
    public static int RecordCount(FakeRequest request) => Body(request).GetProperty("Records").GetArrayLength();

    /// <summary>The Time of each record of a WriteRecords request, as sent (text).</summary>
    public static IReadOnlyList<long> Times(FakeRequest request) =>
        [.. Body(request).GetProperty("Records").EnumerateArray().Select(r => long.Parse(r.GetProperty("Time").GetString()!, CultureInfo.InvariantCulture))];
}
