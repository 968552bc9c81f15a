using System.Text.Json.Serialization;

namespace PumpWatch.Function.Events;

/// <summary>
/// Source-generated JSON for the event and the response (no reflection in the function). Lambda's own names are camel
/// case ("isFinalInvokeForWindow", "batchItemFailures", "itemIdentifier"); the documented event also writes state
/// values as numbers ({"1": 282}), which <see cref="StateValueConverter"/> reads as strings.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true,
    Converters = [typeof(StateValueConverter)])]
[JsonSerializable(typeof(KinesisTimeWindowEvent))]
[JsonSerializable(typeof(KinesisTimeWindowResponse))]
public sealed partial class LambdaJsonContext : JsonSerializerContext;
