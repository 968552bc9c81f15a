using System.Text.Json.Serialization;

namespace PumpWatch.Cli.Backtest;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BacktestMetrics))]
internal sealed partial class BacktestJsonContext : JsonSerializerContext;
