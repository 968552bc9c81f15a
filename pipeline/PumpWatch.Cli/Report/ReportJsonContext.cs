using System.Text.Json.Serialization;

namespace PumpWatch.Cli.Report;

// The default encoder escapes <, > and & (as \u003C ...), so the JSON can sit inside a <script> element as it is.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ReportData))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
