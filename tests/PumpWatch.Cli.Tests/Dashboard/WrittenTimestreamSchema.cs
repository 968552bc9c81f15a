using System.Text.Json;
using Amazon.Runtime;
using PumpWatch.Aws.Configuration;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Tests.Fakes;
using PumpWatch.Aws.Timestream.Discovery;
using PumpWatch.Aws.Timestream.Store;
using PumpWatch.Aws.Timestream.Write;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Tests.Dashboard;

/// <summary>
/// What the Timestream store really writes, read off the wire: a sample batch (readings of the tutorial's four sensors,
/// a scored and an unscored window, an opened and a silence alert, a quarantined record) goes through
/// <see cref="TimestreamResultWriter"/> to a <see cref="FakeAwsServer"/>, and each WriteRecords body gives its table's
/// dimension names, measure names and measure value names. Nothing here lists the schema's constants.
/// </summary>
internal static class WrittenTimestreamSchema
{
    /// <summary>Columns every Timestream table has besides its dimensions and measures (Timestream developer guide, "Data model": time and measure_name).</summary>
    private static readonly string[] BuiltInColumns = ["time", "measure_name"];

    private const long T0 = 1_777_593_600_000_000; // 2026-05-01T00:00:00Z in microseconds
    private const long Minute = 60_000_000;

    private static readonly Lazy<Task<IReadOnlyDictionary<string, WrittenTable>>> Captured = new(CaptureAsync);

    /// <summary>The written tables by name.</summary>
    public static Task<IReadOnlyDictionary<string, WrittenTable>> TablesAsync() => Captured.Value;

    private static async Task<IReadOnlyDictionary<string, WrittenTable>> CaptureAsync()
    {
        await using var server = new FakeAwsServer((request, _) =>
        {
            using var body = JsonDocument.Parse(request.Body);
            var total = body.RootElement.GetProperty("Records").GetArrayLength();
            // WriteRecordsResponse (timestream-write 2018-11-01): RecordsIngested {Total, MemoryStore, MagneticStore}.
            return FakeResponse.Json10(200, $$$"""{"RecordsIngested":{"Total":{{{total}}},"MemoryStore":{{{total}}},"MagneticStore":0}}""", "req-write");
        });
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var options = new AwsClientOptions("us-east-1", new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")) { ServiceUrl = server.Url, MaxAttempts = 1 };
        using var client = new TimestreamWriteClient(http, options, new AwsRetryPolicy(options, new Random(7)), TimeProvider.System, discovery: TimestreamEndpointDiscovery.Disabled);
        var features = FeatureSet.ModelDefault.Names;
        var writer = new TimestreamResultWriter(client, new TimestreamStoreOptions("pumpwatch-test") { Site = "plant-a" }, features, TimeProvider.System);

        var catalog = new SensorCatalog();
        foreach (var (pump, offset) in new[] { ("1", 0L), ("2", 1_000_000L) })
        {
            var parsed = new ParsedReading();
            new Reading(pump, T0 + offset, [new("temperature", 71.5), new("pressure", 250), new("flow_rate", 600), new("vibration", 1.9)]).CopyTo(parsed, catalog);
            writer.OnReading(parsed);
        }

        var values = features.Select((_, i) => 1.0 + i).ToArray();
        writer.OnWindow(ScoredWindow.Create("1", T0, T0 + Minute, 60, 0.71, 0.58, "if-0123456789abcdef", values));
        writer.OnWindow(ScoredWindow.Create("2", T0, T0 + Minute, 3, double.NaN, double.NaN, null, values));
        writer.OnAlert(new Alert("1@2026-05-01T00:01:00.000000Z", AlertEventKind.Opened, "1", AlertSeverity.Critical, T0, T0 + Minute, 0.71, 0.58, "if-0123456789abcdef",
            [new FeatureContribution(features[0], 0.4, 4.1, 1.8, 0.3)], "bearing wear?"));
        writer.OnAlert(new Alert("2@2026-05-01T00:05:00.000000Z/silent", AlertEventKind.PumpSilent, "2", AlertSeverity.Warning, T0 + (4 * Minute), T0 + (5 * Minute),
            double.NaN, double.NaN, "", [], "no readings for 60 s"));
        writer.OnQuarantined("{\"pump_id\": 1, \"pressure\": -5}"u8, "1", T0, QuarantineReason.OutOfRange, "pressure = -5 outside [0, 2000] psi");
        await writer.FlushAsync();

        var tables = new Dictionary<string, (HashSet<string> Columns, HashSet<string> Measures)>(StringComparer.Ordinal);
        while (server.Requests.TryDequeue(out var request))
        {
            using var body = JsonDocument.Parse(request.Body);
            var root = body.RootElement;
            var name = root.GetProperty("TableName").GetString()!;
            if (!tables.TryGetValue(name, out var table))
            {
                tables[name] = table = (new HashSet<string>(BuiltInColumns, StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
            }

            var records = root.GetProperty("Records").EnumerateArray().ToList();
            if (root.TryGetProperty("CommonAttributes", out var common))
            {
                records.Add(common);
            }

            foreach (var record in records)
            {
                if (record.TryGetProperty("MeasureName", out var measure))
                {
                    table.Measures.Add(measure.GetString()!);
                }

                foreach (var member in new[] { "Dimensions", "MeasureValues" })
                {
                    if (record.TryGetProperty(member, out var list))
                    {
                        table.Columns.UnionWith(list.EnumerateArray().Select(d => d.GetProperty("Name").GetString()!));
                    }
                }
            }
        }

        return tables.ToDictionary(t => t.Key, t => new WrittenTable(t.Key, t.Value.Columns, t.Value.Measures), StringComparer.Ordinal);
    }
}
