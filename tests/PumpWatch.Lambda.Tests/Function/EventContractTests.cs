using System.Text.Json;
using PumpWatch.Function.Events;

namespace PumpWatch.Lambda.Tests.Function;

/// <summary>
/// The event and response JSON against the documented examples (AWS Lambda developer guide, "Using Lambda with
/// Kinesis" > tumbling windows, and the batch item failure response), written out here by hand.
/// </summary>
public sealed class EventContractTests
{
    // The guide's example tumbling-window event, with its numeric state values.
    private const string DocumentedEvent = """
        {
          "Records": [
            {
              "kinesis": {
                "kinesisSchemaVersion": "1.0",
                "partitionKey": "1",
                "sequenceNumber": "49590338271490256608559692538361571095921575989136588898",
                "data": "SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==",
                "approximateArrivalTimestamp": 1607497475.000
              },
              "eventSource": "aws:kinesis",
              "eventVersion": "1.0",
              "eventID": "shardId-000000000006:49590338271490256608559692538361571095921575989136588898",
              "eventName": "aws:kinesis:record",
              "invokeIdentityArn": "arn:aws:iam::123456789012:role/lambda-kinesis-role",
              "awsRegion": "us-east-1",
              "eventSourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/lambda-stream"
            }
          ],
          "window": {
            "start": "2020-12-09T07:04:00Z",
            "end": "2020-12-09T07:06:00Z"
          },
          "state": {
            "1": 282,
            "2": 715
          },
          "shardId": "shardId-000000000006",
          "eventSourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/lambda-stream",
          "isFinalInvokeForWindow": false,
          "isWindowTerminatedEarly": false
        }
        """;

    [Fact]
    public void DocumentedEvent_Parses_EveryField()
    {
        var e = JsonSerializer.Deserialize(DocumentedEvent, LambdaJsonContext.Default.KinesisTimeWindowEvent)!;
        var record = Assert.Single(e.Records!);
        Assert.Equal("1", record.Kinesis!.PartitionKey);
        Assert.Equal("49590338271490256608559692538361571095921575989136588898", record.Kinesis.SequenceNumber);
        Assert.Equal("Hello, this is a test.", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(record.Kinesis.Data!)));
        Assert.Equal(1607497475.0, record.Kinesis.ApproximateArrivalTimestamp);
        Assert.Equal("arn:aws:kinesis:us-east-1:123456789012:stream/lambda-stream", record.EventSourceARN);
        Assert.Equal(new DateTimeOffset(2020, 12, 9, 7, 4, 0, TimeSpan.Zero), e.Window!.Start);
        Assert.Equal(new DateTimeOffset(2020, 12, 9, 7, 6, 0, TimeSpan.Zero), e.Window.End);
        Assert.Equal(new Dictionary<string, string> { ["1"] = "282", ["2"] = "715" }, e.State);
        Assert.Equal("shardId-000000000006", e.ShardId);
        Assert.False(e.IsFinalInvokeForWindow);
        Assert.False(e.IsWindowTerminatedEarly);
    }

    [Fact]
    public void Response_WritesTheDocumentedNames()
    {
        var response = new KinesisTimeWindowResponse
        {
            State = new Dictionary<string, string> { ["P-1"] = "AAE+/w==" },
            BatchItemFailures = [new BatchItemFailure("49590338271490256608559692538361571095921575989136588898")],
        };
        var json = JsonSerializer.Serialize(response, LambdaJsonContext.Default.KinesisTimeWindowResponse);
        using var parsed = JsonDocument.Parse(json);
        var root = parsed.RootElement;
        Assert.Equal(["state", "batchItemFailures"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("AAE+/w==", root.GetProperty("state").GetProperty("P-1").GetString());
        Assert.Equal("49590338271490256608559692538361571095921575989136588898",
            Assert.Single(root.GetProperty("batchItemFailures").EnumerateArray()).GetProperty("itemIdentifier").GetString());
    }

    [Fact]
    public void State_OfAnotherKind_IsRefusedWithItsKey()
    {
        var json = DocumentedEvent.Replace("\"2\": 715", "\"2\": [715]", StringComparison.Ordinal);
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, LambdaJsonContext.Default.KinesisTimeWindowEvent));
        Assert.Contains("\"2\"", error.Message, StringComparison.Ordinal);
    }
}
