using System.Text.Json.Serialization;

namespace PumpWatch.Core.Alerts;

/// <summary>Source-generated JSON for <see cref="AlertJson"/> (snake_case; NaN scores of silence events written as "NaN").</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(AlertJson))]
internal sealed partial class AlertJsonContext : JsonSerializerContext;
