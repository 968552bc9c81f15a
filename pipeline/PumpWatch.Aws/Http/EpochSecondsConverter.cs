using System.Text.Json;
using System.Text.Json.Serialization;

namespace PumpWatch.Aws.Http;

/// <summary>
/// The JSON protocols' <c>timestamp</c> shape: epoch seconds as a number, with a fraction for milliseconds
/// (awsJson1_0/1_1 default timestampFormat "epoch-seconds"). Written with millisecond precision, as the SDKs do.
/// </summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var seconds) || !double.IsFinite(seconds))
        {
            throw new JsonException("expected a timestamp as epoch seconds (a number)");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000.0, MidpointRounding.AwayFromZero));
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds() / 1000m);
    }
}
