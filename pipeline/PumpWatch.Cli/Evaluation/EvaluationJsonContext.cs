using System.Text.Json.Serialization;

namespace PumpWatch.Cli.Evaluation;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(EvaluationResult))]
internal sealed partial class EvaluationJsonContext : JsonSerializerContext;
