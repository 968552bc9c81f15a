using PumpWatch.Aws.Configuration;
using PumpWatch.Aws.Timestream.Discovery;
using PumpWatch.Aws.Timestream.Model;
using PumpWatch.Aws.Timestream.Query;
using PumpWatch.Aws.Timestream.Query.Model;
using PumpWatch.Aws.Timestream.Write;
using PumpWatch.Aws.Timestream.Write.Model;
using PumpWatch.Aws.Tests.Fakes;
using PumpWatch.Aws.Tests.Timestream;
using Canned = PumpWatch.Aws.Tests.Conformance.TimestreamCannedResponses;
using Record = PumpWatch.Aws.Timestream.Write.Model.Record;

namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>
/// Our <see cref="TimestreamWriteClient"/> and <see cref="TimestreamQueryClient"/> against the official
/// <c>@aws-sdk/client-timestream-write</c> and <c>-query</c>: the same input gives the same requests (DescribeEndpoints,
/// then the operation at the address it named), and the same canned answer (timestream-write and -query 2018-11-01
/// shapes) the same output or error. Ours discover against the capture server (<see cref="TimestreamEndpointDiscovery.Enabled"/>),
/// the official SDK against the AWS host that official-sdk.js redirects to it; both sign the Host they send to, so Host
/// values differ while the signed header sets must not.
/// </summary>
[Collection(OfficialSdkCollection.Name)]
public sealed class TimestreamConformanceTests(OfficialSdk sdk)
{
    private const string SigningName = "timestream"; // both models' signingName
    private const string ClientToken = "pumpwatch-backtest-0000000000000001"; // 32 to 128 characters (ClientToken)

    /// <summary>A DescribeEndpoints answer names the capture server it came from, and each side of a case has its own.</summary>
    private static readonly Dictionary<string, string> OwnAddress = new()
    {
        ["$.Endpoints[*].Address"] = "each side's capture server answers with its own host:port (checked against the Host ours sent instead)",
    };

    private static AwsClientOptions Options(Uri url) =>
        new(ConformanceCredentials.Region, ConformanceCredentials.Aws()) { ServiceUrl = url, MaxAttempts = 1 };

    private Task<ConformanceResult<TResponse>> Write<TRequest, TResponse>(string command, TRequest request, FakeResponse canned, Func<ITimestreamWriteClient, TRequest, Task<TResponse>> call)
        where TRequest : notnull =>
        Conformance.RunAsync(sdk, new ConformanceCase("timestream-write", command, SigningName, request, canned) { IgnoredOutputPaths = command == "DescribeEndpoints" ? OwnAddress : [] }, async url =>
        {
            using var http = Clients.Http();
            using var client = TimestreamClients.Write(http, Options(url), discovery: TimestreamEndpointDiscovery.Enabled);
            return await call(client, request);
        });

    private Task<ConformanceResult<TResponse>> Query<TRequest, TResponse>(string command, TRequest request, FakeResponse canned, Func<ITimestreamQueryClient, TRequest, Task<TResponse>> call)
        where TRequest : notnull =>
        Conformance.RunAsync(sdk, new ConformanceCase("timestream-query", command, SigningName, request, canned) { IgnoredOutputPaths = command == "DescribeEndpoints" ? OwnAddress : [] }, async url =>
        {
            using var http = Clients.Http();
            using var client = TimestreamClients.Query(http, Options(url), discovery: TimestreamEndpointDiscovery.Enabled);
            return await call(client, request);
        });

    /// <summary>Readings of one pump: dimensions, measure name, MULTI and the time unit shared through CommonAttributes, a Version per record.</summary>
    private static WriteRecordsRequest Readings() => new("pumpwatch", "readings",
    [
        new Record
        {
            Time = "1767225600000",
            Version = 1_767_225_600_000_123,
            MeasureValues =
            [
                new("temperature", "71.5", MeasureValueType.Double), new("pressure", "250", MeasureValueType.Double),
                new("running", "true", MeasureValueType.Boolean), new("starts", "12", MeasureValueType.Bigint),
            ],
        },
        new Record { Time = "1767225660000", Version = 1_767_225_660_000_123, MeasureValues = [new("temperature", "72", MeasureValueType.Double)] },
    ])
    {
        CommonAttributes = new Record
        {
            Dimensions = [new Dimension("pump_id", "p-1"), new Dimension("site", "north field") { DimensionValueType = "VARCHAR" }],
            MeasureName = "reading",
            MeasureValueType = MeasureValueType.Multi,
            TimeUnit = TimeUnit.Milliseconds,
        },
    };

    [OfficialSdkFact]
    public async Task WriteRecords_with_CommonAttributes_multi_measure_records_and_versions_matches_and_reads_RecordsIngested()
    {
        var result = await Write("WriteRecords", Readings(), Canned.RecordsIngested, (c, r) => c.WriteRecordsAsync(r));

        Assert.Equal(2, result.OurRequests.Count);
        Assert.Equal(2, result.OurResponse!.RecordsIngested!.Total);
    }

    [OfficialSdkFact]
    public async Task WriteRecords_as_the_store_writes_alerts_with_record_dimensions_and_microseconds_matches()
    {
        // The alerts table's shape (TimestreamSchema): pump and site shared, alert_id and event per record, mixed measure types.
        var request = new WriteRecordsRequest("pumpwatch", "alerts",
        [
            new Record
            {
                Dimensions = [new Dimension("alert_id", "p-1@2026-05-01T00:01:00.000000Z"), new Dimension("event", "opened")],
                Time = "1777593660000000",
                Version = 1_780_315_200_000_001,
                MeasureValues =
                [
                    new("window_start_us", "1777593600000000", MeasureValueType.Bigint), new("severity", "critical", MeasureValueType.Varchar),
                    new("score", "0.7125", MeasureValueType.Double), new("top_feature", "vibration.mean \u00fc", MeasureValueType.Varchar),
                ],
            },
        ])
        {
            CommonAttributes = new Record
            {
                Dimensions = [new Dimension("pump_id", "p-1"), new Dimension("site", "plant-a")],
                MeasureName = "alert",
                MeasureValueType = MeasureValueType.Multi,
                TimeUnit = TimeUnit.Microseconds,
            },
        };

        await Write("WriteRecords", request, Canned.RecordsIngested, (c, r) => c.WriteRecordsAsync(r));
    }

    [OfficialSdkFact]
    public async Task WriteRecords_rejected_gives_the_same_error_and_ours_lists_each_rejected_record()
    {
        var result = await Write("WriteRecords", Readings(), Canned.RejectedRecords, (c, r) => c.WriteRecordsAsync(r));

        var rejected = Assert.IsType<RejectedRecordsException>(result.OurError);
        var record = Assert.Single(rejected.RejectedRecords);
        Assert.Equal(1, record.RecordIndex);
        Assert.Equal("A record with a higher version already exists.", record.Reason);
        Assert.Equal(1_767_225_660_000_999, record.ExistingVersion);
        // The official SDK's members of the same error, as the JS side read them.
        Assert.Equal(1, result.Official.Error!.Members["RejectedRecords"]![0]!["RecordIndex"]!.GetValue<int>());
    }

    [OfficialSdkFact]
    public async Task WriteRecords_throttled_gives_the_same_error()
    {
        var result = await Write("WriteRecords", Readings(), Canned.Throttling, (c, r) => c.WriteRecordsAsync(r));

        Assert.Equal("ThrottlingException", result.OurError!.ErrorCode);
    }

    [OfficialSdkFact]
    public async Task Write_DescribeEndpoints_called_directly_matches_and_reads_the_endpoint()
    {
        var result = await Write("DescribeEndpoints", new DescribeEndpointsRequest(), Canned.RecordsIngested, (c, r) => c.DescribeEndpointsAsync(r));

        var endpoint = Assert.Single(result.OurResponse!.Endpoints);
        Assert.Equal(1440, endpoint.CachePeriodInMinutes);
        Assert.Equal(result.OurRequests[0].Header("host"), endpoint.Address); // the capture server named itself
    }

    [OfficialSdkFact]
    public async Task Query_with_NextToken_ClientToken_and_MaxRows_matches_and_reads_every_kind_of_datum()
    {
        var request = new QueryRequest("SELECT pump_id, time, temperature FROM \"pumpwatch\".\"readings\" WHERE time > ago(1h) ORDER BY time ASC")
        {
            ClientToken = ClientToken,
            NextToken = "AYABeHPa8nEnFx2JZaYm1Nb9SlgAAAABAAd",
            MaxRows = 1000,
        };

        var result = await Query("Query", request, Canned.QueryPage, (c, r) => c.QueryAsync(r));

        var page = result.OurResponse!;
        Assert.Equal("AYABeHPa8nEnFx2JZaYm1Nb9SlgAAAABAAd", page.NextToken);
        Assert.True(page.Rows[0].Data[3].NullValue);
        Assert.Equal("1.4", page.Rows[0].Data[4].TimeSeriesValue![1].Value.ScalarValue);
        Assert.Equal(ScalarType.Varchar, page.ColumnInfo[5].Type.ArrayColumnInfo!.Type.ScalarType);
    }

    [OfficialSdkFact]
    public async Task Query_first_page_without_a_token_and_an_empty_last_page_match()
    {
        var result = await Query("Query", new QueryRequest("SELECT 1") { ClientToken = ClientToken }, Canned.EmptyLastPage, (c, r) => c.QueryAsync(r));

        Assert.Empty(result.OurResponse!.Rows);
        Assert.Null(result.OurResponse.NextToken);
    }

    [OfficialSdkFact]
    public async Task Query_throttled_gives_the_same_error()
    {
        var result = await Query("Query", new QueryRequest("SELECT 1") { ClientToken = ClientToken }, Canned.Throttling, (c, r) => c.QueryAsync(r));

        Assert.Equal("ThrottlingException", result.OurError!.ErrorCode);
        Assert.Equal(1, result.OurError.Attempts);
    }

    [OfficialSdkFact]
    public async Task Query_DescribeEndpoints_called_directly_matches()
    {
        var result = await Query("DescribeEndpoints", new DescribeEndpointsRequest(), Canned.QueryPage, (c, r) => c.DescribeEndpointsAsync(r));

        Assert.Single(result.OurRequests);
        Assert.Equal("Timestream_20181101.DescribeEndpoints", result.OurRequests[0].Header("x-amz-target"));
        Assert.Equal(result.OurRequests[0].Header("host"), Assert.Single(result.OurResponse!.Endpoints).Address);
        Assert.Equal("query.timestream.us-east-1.amazonaws.com", result.OfficialRequests[0].Header("host")); // the official SDK asked the regional endpoint
    }
}
