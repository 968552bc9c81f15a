using System.Text.Json.Serialization;

namespace PumpWatch.Lambda.Runtime;

/// <summary>Source-generated JSON for the Runtime API's own bodies (the error document); camel case as Lambda names them.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RuntimeError))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
