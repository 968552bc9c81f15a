using System.Text.Json.Nodes;
using PumpWatch.Aws.Tests.Fakes;
using Canned = PumpWatch.Aws.Tests.Conformance.TimestreamCannedResponses;

namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>
/// What the official <c>@aws-sdk/client-timestream-write</c> and <c>-query</c> send and read, checked against the
/// service models: the official side of the Timestream conformance cases, which <see cref="TimestreamConformanceTests"/>
/// compares with our clients.
/// Both SDKs discover the endpoint first, so each case compares two requests: DescribeEndpoints, then the operation
/// at the address <see cref="CaptureServer"/> named (host:port, plain HTTP). Query's ClientToken is an idempotency
/// token the JS SDK fills with a random UUID when the input has none: give one in the input, or ignore
/// <c>$.ClientToken</c> with that reason.
/// </summary>
[Collection(OfficialSdkCollection.Name)]
public sealed class TimestreamOfficialSdkTests(OfficialSdk sdk)
{
    private const string SigningName = "timestream"; // the models' signingName; endpointPrefix is ingest./query.timestream
    private const string Target = "Timestream_20181101.";

    /// <summary>A multi-measure write: dimensions, measure name, type and unit shared through CommonAttributes.</summary>
    private static JsonNode WriteInput() => JsonNode.Parse("""
        {"DatabaseName":"pumpwatch","TableName":"readings",
         "CommonAttributes":{
           "Dimensions":[{"Name":"pump_id","Value":"p-1"},{"Name":"site","Value":"north field","DimensionValueType":"VARCHAR"}],
           "MeasureName":"reading","MeasureValueType":"MULTI","TimeUnit":"MILLISECONDS"},
         "Records":[
           {"Time":"1767225600000","Version":1767225600000123,"MeasureValues":[
             {"Name":"temperature","Value":"71.5","Type":"DOUBLE"},{"Name":"pressure","Value":"250","Type":"DOUBLE"},
             {"Name":"vibration","Value":"1.2","Type":"DOUBLE"},{"Name":"running","Value":"true","Type":"BOOLEAN"},
             {"Name":"starts","Value":"12","Type":"BIGINT"}]},
           {"Time":"1767225660000","Version":1767225660000123,"MeasureValues":[{"Name":"temperature","Value":"72","Type":"DOUBLE"}]}]}
        """)!;

    private static void AssertDiscoveryCall(FakeRequest request, string awsHost)
    {
        Assert.Equal(Target + "DescribeEndpoints", request.Header("x-amz-target"));
        Assert.Equal(Canned.JsonContentType, request.Header("content-type"));
        Assert.Equal(awsHost, request.Header("host")); // signed for the service's regional endpoint (endpointPrefix.region.amazonaws.com)
        Assert.Equal("{}", request.BodyText); // DescribeEndpointsRequest has no members
        WireComparison.AssertSignatureVerifies(request, SigningName, "official SDK");
    }

    private static void AssertOperationCall(FakeRequest request, string operation, string discoveredAddress)
    {
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.Equal(Target + operation, request.Header("x-amz-target"));
        Assert.Equal(Canned.JsonContentType, request.Header("content-type"));
        Assert.Equal(discoveredAddress, request.Header("host"));
        WireComparison.AssertSignatureVerifies(request, SigningName, "official SDK");
    }

    [OfficialSdkFact]
    public async Task WriteRecords_discovers_the_endpoint_then_sends_CommonAttributes_and_multi_measure_records_as_given()
    {
        var input = WriteInput();

        var (requests, outcome, address) = await Conformance.OfficialAsync(sdk, "timestream-write", "WriteRecords", input, Canned.RecordsIngested);

        Assert.Equal(2, requests.Count);
        AssertDiscoveryCall(requests[0], "ingest.timestream.us-east-1.amazonaws.com");
        AssertOperationCall(requests[1], "WriteRecords", address);
        Assert.Empty(JsonTree.Differences(input, JsonNode.Parse(requests[1].Body))); // awsJson1_0: members by their model names, unchanged
        Assert.Empty(JsonTree.Differences(JsonNode.Parse("""{"RecordsIngested":{"Total":2,"MemoryStore":2,"MagneticStore":0}}"""), outcome.Output));
    }

    [OfficialSdkFact]
    public async Task WriteRecords_rejected_gives_RejectedRecordsException_with_each_rejected_record()
    {
        var (requests, outcome, _) = await Conformance.OfficialAsync(sdk, "timestream-write", "WriteRecords", WriteInput(), Canned.RejectedRecords);

        Assert.Equal(2, requests.Count);
        var error = outcome.Error!;
        Assert.Equal("RejectedRecordsException", error.Code); // the namespace before '#' dropped
        Assert.Equal(400, error.HttpStatusCode);
        Assert.Equal("req-rejected", error.RequestId);
        Assert.Equal("One or more records have been rejected. See RejectedRecords for details.", error.Message);
        Assert.Empty(JsonTree.Differences(
            JsonNode.Parse("""[{"RecordIndex":1,"Reason":"A record with a higher version already exists.","ExistingVersion":1767225660000999}]"""),
            error.Members["RejectedRecords"]));
    }

    [OfficialSdkTheory]
    [InlineData("timestream-write", "ingest.timestream.us-east-1.amazonaws.com")]
    [InlineData("timestream-query", "query.timestream.us-east-1.amazonaws.com")]
    public async Task DescribeEndpoints_called_directly_is_one_call_to_the_regional_endpoint(string client, string awsHost)
    {
        var (requests, outcome, address) = await Conformance.OfficialAsync(sdk, client, "DescribeEndpoints", new JsonObject(), Canned.RecordsIngested);

        AssertDiscoveryCall(Assert.Single(requests), awsHost);
        Assert.Empty(JsonTree.Differences(JsonNode.Parse($$"""{"Endpoints":[{"Address":"{{address}}","CachePeriodInMinutes":1440}]}"""), outcome.Output));
    }

    [OfficialSdkFact]
    public async Task Query_with_NextToken_adds_an_idempotency_token_and_reads_every_kind_of_datum()
    {
        var input = JsonNode.Parse("""
            {"QueryString":"SELECT pump_id, time, measure_value::double FROM \"pumpwatch\".\"readings\" WHERE time > ago(1h) ORDER BY time ASC",
             "NextToken":"AYABeHPa8nEnFx2JZaYm1Nb9SlgAAAABAAd","MaxRows":1000}
            """)!;

        var (requests, outcome, address) = await Conformance.OfficialAsync(sdk, "timestream-query", "Query", input, Canned.QueryPage);

        Assert.Equal(2, requests.Count);
        AssertDiscoveryCall(requests[0], "query.timestream.us-east-1.amazonaws.com");
        AssertOperationCall(requests[1], "Query", address);
        var body = JsonNode.Parse(requests[1].Body)!.AsObject();
        // ClientToken is an idempotencyToken in the model (32 to 128 characters): the SDK makes one when none is given.
        var token = body["ClientToken"]!.GetValue<string>();
        Assert.True(Guid.TryParse(token, out _) && token.Length is >= 32 and <= 128, $"ClientToken '{token}' is not a UUID");
        body.Remove("ClientToken");
        Assert.Empty(JsonTree.Differences(input, body));
        Assert.Empty(JsonTree.Differences(JsonNode.Parse(Canned.QueryPage.Body), outcome.Output));
    }

    [OfficialSdkFact]
    public async Task Query_with_a_ClientToken_sends_it_unchanged_and_reads_an_empty_last_page()
    {
        var input = JsonNode.Parse("""{"QueryString":"SELECT 1","ClientToken":"pumpwatch-backtest-0000000000000001","NextToken":"AYABeHPa8nEnFx2JZaYm1Nb9SlgAAAABAAd"}""")!;

        var (requests, outcome, _) = await Conformance.OfficialAsync(sdk, "timestream-query", "Query", input, Canned.EmptyLastPage);

        Assert.Empty(JsonTree.Differences(input, JsonNode.Parse(requests[1].Body)));
        Assert.Null(outcome.Output!["NextToken"]);
        Assert.Empty(outcome.Output["Rows"]!.AsArray());
    }

    [OfficialSdkFact]
    public async Task Query_throttled_gives_ThrottlingException()
    {
        var (_, outcome, _) = await Conformance.OfficialAsync(sdk, "timestream-query", "Query", JsonNode.Parse("""{"QueryString":"SELECT 1"}"""), Canned.Throttling);

        Assert.Equal("ThrottlingException", outcome.Error!.Code);
        Assert.Equal(400, outcome.Error.HttpStatusCode);
        Assert.Equal("Your request rate is too high.", outcome.Error.Message);
    }
}
