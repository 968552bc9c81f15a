using PumpWatch.Aws.Tests.Fakes;

namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>
/// Timestream answers written from the service models timestream-write-2018-11-01 and timestream-query-2018-11-01
/// (awsJson1_0; errors carry <c>Message</c> with a capital M in these models). DescribeEndpoints is answered by
/// <see cref="CaptureServer"/> itself.
/// </summary>
internal static class TimestreamCannedResponses
{
    public const string JsonContentType = "application/x-amz-json-1.0";

    /// <summary>WriteRecordsResponse.RecordsIngested.</summary>
    public static FakeResponse RecordsIngested { get; } = Json(200, """
        {"RecordsIngested":{"Total":2,"MemoryStore":2,"MagneticStore":0}}
        """, "req-write");

    /// <summary>RejectedRecordsException: the second record (index 1) lost to an existing higher version.</summary>
    public static FakeResponse RejectedRecords { get; } = Json(400, """
        {"__type":"com.amazonaws.timestream.v20181101#RejectedRecordsException","Message":"One or more records have been rejected. See RejectedRecords for details.",
         "RejectedRecords":[{"RecordIndex":1,"Reason":"A record with a higher version already exists.","ExistingVersion":1767225660000999}]}
        """, "req-rejected");

    public static FakeResponse Throttling { get; } = Json(400, """
        {"__type":"ThrottlingException","Message":"Your request rate is too high."}
        """, "req-throttled");

    /// <summary>
    /// A page that is not the last (NextToken), with a scalar, a null, a time series and an array datum, the column
    /// infos that describe them, and QueryStatus.
    /// </summary>
    public static FakeResponse QueryPage { get; } = Json(200, """
        {"QueryId":"AEDQCANMVSVWKXNBTDBJGSVPK3JAVXL2XJXM5O6LPQ2FHQYOFQ2CKDIMOEH4ZBA","NextToken":"AYABeHPa8nEnFx2JZaYm1Nb9SlgAAAABAAd",
         "Rows":[
           {"Data":[{"ScalarValue":"p-1"},{"ScalarValue":"2026-01-01 00:00:00.000000000"},{"ScalarValue":"71.5"},{"NullValue":true},
                    {"TimeSeriesValue":[{"Time":"2026-01-01 00:00:00.000000000","Value":{"ScalarValue":"1.2"}},{"Time":"2026-01-01 00:01:00.000000000","Value":{"ScalarValue":"1.4"}}]},
                    {"ArrayValue":[{"ScalarValue":"a"},{"ScalarValue":"b"}]}]}],
         "ColumnInfo":[
           {"Name":"pump_id","Type":{"ScalarType":"VARCHAR"}},
           {"Name":"time","Type":{"ScalarType":"TIMESTAMP"}},
           {"Name":"temperature","Type":{"ScalarType":"DOUBLE"}},
           {"Name":"pressure","Type":{"ScalarType":"DOUBLE"}},
           {"Name":"vibration_series","Type":{"TimeSeriesMeasureValueColumnInfo":{"Type":{"ScalarType":"DOUBLE"}}}},
           {"Name":"tags","Type":{"ArrayColumnInfo":{"Type":{"ScalarType":"VARCHAR"}}}}],
         "QueryStatus":{"ProgressPercentage":42.5,"CumulativeBytesScanned":123456789,"CumulativeBytesMetered":10000000}}
        """, "req-query");

    /// <summary>The last page may be empty: no rows, no NextToken (the model's QueryResponse still requires Rows and ColumnInfo).</summary>
    public static FakeResponse EmptyLastPage { get; } = Json(200, """
        {"QueryId":"AEDQCANMVSVWKXNBTDBJGSVPK3JAVXL2XJXM5O6LPQ2FHQYOFQ2CKDIMOEH4ZBA","Rows":[],"ColumnInfo":[{"Name":"pump_id","Type":{"ScalarType":"VARCHAR"}}]}
        """, "req-query-last");

    private static FakeResponse Json(int status, string body, string requestId) =>
        FakeResponse.Json(status, body, requestId) with { ContentType = JsonContentType };
}
