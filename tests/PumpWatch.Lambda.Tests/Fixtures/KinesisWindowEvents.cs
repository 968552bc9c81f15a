using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PumpWatch.Lambda.Tests.Fixtures;

/// <summary>
/// Kinesis tumbling-window events in the shape of the AWS Lambda developer guide's example ("Using Lambda with
/// Kinesis" > tumbling windows; the same document is aws/aws-lambda-dotnet's kinesis-timewindow-event.json),
/// written with Utf8JsonWriter, not with the code under test.
/// </summary>
internal static class KinesisWindowEvents
{
    /// <summary>The developer guide's example event, as published (state values are numbers there).</summary>
    public const string DocumentedExample = """
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

    private const string StreamArn = "arn:aws:kinesis:us-east-1:123456789012:stream/pumps";
    private const string ShardId = "shardId-000000000006";

    /// <summary>
    /// An event of <paramref name="records"/> pump readings (JSON, base64 as Lambda sends it) from 20 pumps at 1 Hz,
    /// with per-pump window state strings; seeded, so the same arguments give the same bytes.
    /// </summary>
    public static byte[] Readings(int records, int seed, IReadOnlyDictionary<string, string> state)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("Records");
            for (var i = 0; i < records; i++)
            {
                var pump = $"P-{i % 20 + 1:D3}";
                var time = start.AddSeconds(i / 20);
                var reading = string.Create(CultureInfo.InvariantCulture,
                    $$"""{"pump_id":"{{pump}}","timestamp":"{{time:yyyy-MM-ddTHH:mm:ssZ}}","temperature":{{60 + random.NextDouble() * 10:F3}},"pressure":{{300 + random.NextDouble() * 20:F2}},"flow_rate":{{600 + random.NextDouble() * 50:F2}},"vibration":{{1 + random.NextDouble():F3}}}""");
                var sequence = string.Create(CultureInfo.InvariantCulture, $"4959033827149025660855969253836157109592157598{i:D10}");
                json.WriteStartObject();
                json.WriteStartObject("kinesis");
                json.WriteString("kinesisSchemaVersion", "1.0");
                json.WriteString("partitionKey", pump);
                json.WriteString("sequenceNumber", sequence);
                json.WriteString("data", Convert.ToBase64String(Encoding.UTF8.GetBytes(reading)));
                json.WriteNumber("approximateArrivalTimestamp", Math.Round(time.ToUnixTimeMilliseconds() / 1000.0 + 0.5, 3));
                json.WriteEndObject();
                json.WriteString("eventSource", "aws:kinesis");
                json.WriteString("eventVersion", "1.0");
                json.WriteString("eventID", $"{ShardId}:{sequence}");
                json.WriteString("eventName", "aws:kinesis:record");
                json.WriteString("invokeIdentityArn", "arn:aws:iam::123456789012:role/pumpwatch-lambda");
                json.WriteString("awsRegion", "us-east-1");
                json.WriteString("eventSourceARN", StreamArn);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("window");
            json.WriteString("start", "2026-05-01T00:00:00Z");
            json.WriteString("end", "2026-05-01T00:15:00Z");
            json.WriteEndObject();
            json.WriteStartObject("state");
            foreach (var (key, value) in state)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteString("shardId", ShardId);
            json.WriteString("eventSourceARN", StreamArn);
            json.WriteBoolean("isFinalInvokeForWindow", false);
            json.WriteBoolean("isWindowTerminatedEarly", false);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
