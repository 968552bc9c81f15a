using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>
/// Our request and response records as JSON trees in the shape of the service model, for the official SDK's input and
/// for comparing outputs: property names as they are (they are the model's member names), nulls left out, blobs as
/// <c>{"$bytes": base64}</c> and timestamps as <c>{"$date": epoch milliseconds}</c>, the tags official-sdk.js uses for
/// Uint8Array and Date. Reflection JSON, test-side only: independent of the clients' source-generated wire contexts.
/// </summary>
internal static class ShapeJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // A C# enum in a model goes by name, or by its [JsonStringEnumMemberName] where the wire value differs.
        Converters = { new BytesConverter(), new MemoryConverter(), new DateConverter(), new JsonStringEnumConverter() },
    };

    public static JsonNode? ToNode(object? value) => value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType(), Options);

    public static JsonObject Bytes(ReadOnlySpan<byte> bytes) => new() { ["$bytes"] = Convert.ToBase64String(bytes) };

    public static JsonObject Date(DateTimeOffset value) => new() { ["$date"] = value.ToUnixTimeMilliseconds() };

    private static void WriteBytes(Utf8JsonWriter writer, ReadOnlySpan<byte> bytes)
    {
        writer.WriteStartObject();
        writer.WriteBase64String("$bytes", bytes);
        writer.WriteEndObject();
    }

    private sealed class BytesConverter : JsonConverter<byte[]>
    {
        public override byte[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("ShapeJson only writes");

        public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options) => WriteBytes(writer, value);
    }

    private sealed class MemoryConverter : JsonConverter<ReadOnlyMemory<byte>>
    {
        public override ReadOnlyMemory<byte> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("ShapeJson only writes");

        public override void Write(Utf8JsonWriter writer, ReadOnlyMemory<byte> value, JsonSerializerOptions options) => WriteBytes(writer, value.Span);
    }

    private sealed class DateConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("ShapeJson only writes");

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteNumber("$date", value.ToUnixTimeMilliseconds());
            writer.WriteEndObject();
        }
    }
}
