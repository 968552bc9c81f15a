using System.Text.Json;

namespace PumpWatch.Function;

/// <summary>
/// One invocation's counts and stage durations, written as one CloudWatch Embedded Metric Format line (a JSON object
/// with an <c>_aws</c> member listing the metrics: AWS CloudWatch User Guide, "Specification: Embedded metric format"),
/// so that CloudWatch turns the function's log into metrics without a PutMetricData call.
/// </summary>
internal sealed class InvocationMetrics
{
    private readonly List<(string Name, double Value, string Unit)> _values = [];

    public void Count(string name, long value) => _values.Add((name, value, "Count"));

    public void Milliseconds(string name, double value) => _values.Add((name, Math.Round(value, 3), "Milliseconds"));

    public void Bytes(string name, long value) => _values.Add((name, value, "Bytes"));

    /// <summary>The EMF line: namespace PumpWatch, dimension ShardId, one metric per value.</summary>
    public string ToEmf(long timestampMs, string shardId, bool final)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", timestampMs);
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", "PumpWatch");
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            json.WriteStringValue("ShardId");
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var (name, _, unit) in _values)
            {
                json.WriteStartObject();
                json.WriteString("Name", name);
                json.WriteString("Unit", unit);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("ShardId", shardId);
            json.WriteBoolean("FinalInvoke", final);
            foreach (var (name, value, _) in _values)
            {
                json.WriteNumber(name, value);
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
