using System.Text.Json.Nodes;
using Canned = PumpWatch.Aws.Tests.Conformance.SnsCannedResponses;

namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>
/// What the official <c>@aws-sdk/client-sns</c> sends and reads for Publish, checked against the service model
/// sns-2010-03-31 (awsQuery): the official side of the SNS conformance cases, ready for our client. To add ours, run
/// the same input through <see cref="Conformance.RunAsync"/> with our client's call, e.g.
/// <c>new ConformanceCase("sns", "Publish", "sns", request, Canned.Published)</c>; form bodies are compared as
/// multisets of decoded pairs, so a map's entries must be numbered in the same order (the input's).
/// </summary>
[Collection(OfficialSdkCollection.Name)]
public sealed class SnsOfficialSdkTests(OfficialSdk sdk)
{
    private const string TopicArn = "arn:aws:sns:us-east-1:123456789012:pump-alerts";
    private const string Message = "Pump p-1: bearing wear, vibration 4.6 mm/s (zone D) & rising 100% — ü";

    /// <summary>Alert attributes subscribers filter on: String and Number data types (Number is sent as a string).</summary>
    private static JsonNode PublishInput() => new JsonObject
    {
        ["TopicArn"] = TopicArn,
        ["Message"] = Message,
        ["Subject"] = "PumpWatch alert p-1",
        ["MessageAttributes"] = new JsonObject
        {
            ["pump_id"] = new JsonObject { ["DataType"] = "String", ["StringValue"] = "p-1" },
            ["site"] = new JsonObject { ["DataType"] = "String", ["StringValue"] = "north field" },
            ["severity"] = new JsonObject { ["DataType"] = "Number", ["StringValue"] = "3" },
            ["score"] = new JsonObject { ["DataType"] = "Number", ["StringValue"] = "0.7125" },
        },
    };

    [OfficialSdkFact]
    public async Task Publish_with_String_and_Number_message_attributes_sends_the_query_form_the_model_defines()
    {
        var (requests, outcome, _) = await Conformance.OfficialAsync(sdk, "sns", "Publish", PublishInput(), Canned.Published);

        var request = Assert.Single(requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.Equal(WireComparison.FormContentType, request.Header("content-type"));
        Assert.Equal("", request.Header("x-amz-target")); // the operation is the form's Action
        // awsQuery: Action and Version (the model's apiVersion), members by name, a map as
        // <Map>.entry.<n>.Name / .Value.<member> (MessageAttributeMap's locationNames Name and Value), n from 1.
        string[] expected =
        [
            "Action=Publish", "Version=2010-03-31", $"TopicArn={TopicArn}", $"Message={Message}", "Subject=PumpWatch alert p-1",
            "MessageAttributes.entry.1.Name=pump_id", "MessageAttributes.entry.1.Value.DataType=String", "MessageAttributes.entry.1.Value.StringValue=p-1",
            "MessageAttributes.entry.2.Name=site", "MessageAttributes.entry.2.Value.DataType=String", "MessageAttributes.entry.2.Value.StringValue=north field",
            "MessageAttributes.entry.3.Name=severity", "MessageAttributes.entry.3.Value.DataType=Number", "MessageAttributes.entry.3.Value.StringValue=3",
            "MessageAttributes.entry.4.Name=score", "MessageAttributes.entry.4.Value.DataType=Number", "MessageAttributes.entry.4.Value.StringValue=0.7125",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), FormBody.Pairs(request.Body).Select(p => $"{p.Key}={p.Value}").Order(StringComparer.Ordinal));
        WireComparison.AssertSignatureVerifies(request, "sns", "official SDK");
        Assert.Empty(JsonTree.Differences(new JsonObject { ["MessageId"] = Canned.MessageId }, outcome.Output));
    }

    public static TheoryData<string, string, string, int, string> Errors => new()
    {
        { nameof(Canned.TopicNotFound), "NotFound", "NotFoundException", 404, "Topic does not exist" },
        { nameof(Canned.Throttled), "Throttled", "ThrottledException", 429, "Rate exceeded" },
        { nameof(Canned.InternalError), "InternalError", "InternalErrorException", 500, "Internal error" },
    };

    [OfficialSdkTheory]
    [MemberData(nameof(Errors))]
    public async Task Publish_error_gives_the_wire_code_the_model_names(string cannedName, string code, string shapeName, int status, string message)
    {
        var canned = (Fakes.FakeResponse)typeof(Canned).GetProperty(cannedName)!.GetValue(null)!;

        var (_, outcome, _) = await Conformance.OfficialAsync(sdk, "sns", "Publish", PublishInput(), canned);

        var error = outcome.Error!;
        Assert.Equal(code, error.Code);
        Assert.Equal(shapeName, error.Name);
        Assert.Equal(status, error.HttpStatusCode);
        Assert.Equal(message, error.Message);
        Assert.Empty(error.Members);
    }
}
