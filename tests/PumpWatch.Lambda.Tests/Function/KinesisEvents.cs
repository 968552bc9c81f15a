using System.Globalization;
using System.Text;
using System.Text.Json;
using PumpWatch.Function.Events;

namespace PumpWatch.Lambda.Tests.Function;

/// <summary>
/// Builds tumbling-window events as Lambda sends them, written as JSON in the documented shape (AWS Lambda developer
/// guide, "Using Lambda with Kinesis" > tumbling windows: Records[].kinesis{kinesisSchemaVersion, partitionKey,
/// sequenceNumber, data (base64), approximateArrivalTimestamp (epoch seconds)}, window{start, end}, state, shardId,
/// eventSourceARN, isFinalInvokeForWindow, isWindowTerminatedEarly) and read back through the function's own JSON
/// contract, so every test also exercises the contract.
/// </summary>
internal static class KinesisEvents
{
    public const string StreamArn = "arn:aws:kinesis:us-east-1:123456789012:stream/pumpwatch-readings";
    public const string ShardId = "shardId-000000000000";

    public sealed record Item(string PartitionKey, string SequenceNumber, byte[] Data, DateTimeOffset Arrival);

    public static string Json(IEnumerable<Item> items, DateTimeOffset start, DateTimeOffset end, IReadOnlyDictionary<string, string> state,
        bool final, bool terminatedEarly = false)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("Records");
            foreach (var item in items)
            {
                json.WriteStartObject();
                json.WriteStartObject("kinesis");
                json.WriteString("kinesisSchemaVersion", "1.0");
                json.WriteString("partitionKey", item.PartitionKey);
                json.WriteString("sequenceNumber", item.SequenceNumber);
                json.WriteString("data", Convert.ToBase64String(item.Data));
                json.WriteNumber("approximateArrivalTimestamp", Math.Round(item.Arrival.ToUnixTimeMilliseconds() / 1000.0, 3));
                json.WriteEndObject();
                json.WriteString("eventSource", "aws:kinesis");
                json.WriteString("eventVersion", "1.0");
                json.WriteString("eventID", $"{ShardId}:{item.SequenceNumber}");
                json.WriteString("eventName", "aws:kinesis:record");
                json.WriteString("invokeIdentityArn", "arn:aws:iam::123456789012:role/pumpwatch-function");
                json.WriteString("awsRegion", "us-east-1");
                json.WriteString("eventSourceARN", StreamArn);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("window");
            json.WriteString("start", start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteString("end", end.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteStartObject("state");
            foreach (var (key, value) in state)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteString("shardId", ShardId);
            json.WriteString("eventSourceARN", StreamArn);
            json.WriteBoolean("isFinalInvokeForWindow", final);
            json.WriteBoolean("isWindowTerminatedEarly", terminatedEarly);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static KinesisTimeWindowEvent Event(IEnumerable<Item> items, DateTimeOffset start, DateTimeOffset end, IReadOnlyDictionary<string, string> state,
        bool final, bool terminatedEarly = false) =>
        JsonSerializer.Deserialize(Json(items, start, end, state, final, terminatedEarly), LambdaJsonContext.Default.KinesisTimeWindowEvent)!;
}
