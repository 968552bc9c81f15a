using System.Text.Json;
using PumpWatch.Cli.Alerts;

namespace PumpWatch.Cli.Tests.Alerts;

/// <summary>The JSON lines sink: one parseable line per alert, visible to a reader as soon as it is published.</summary>
public sealed class JsonLinesAlertSinkTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pumpwatch-jsonl-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task Each_alert_is_one_parseable_line_written_through_at_once()
    {
        var path = Path.Combine(_folder, "alerts.jsonl");
        await using (var sink = new JsonLinesAlertSink(path))
        {
            await sink.PublishAsync(TestAlerts.Opened("3"), CancellationToken.None);
            // A subscriber tailing the file sees the alert before the sink is closed.
            Assert.Single(ReadShared(path));
            await sink.PublishAsync(TestAlerts.Silent("7"), CancellationToken.None);
            await sink.PublishAsync(TestAlerts.Opened("4"), CancellationToken.None);
            Assert.Equal("jsonl:" + path, sink.Name);
        }

        var lines = File.ReadAllLines(path);
        Assert.Equal(3, lines.Length);
        var parsed = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["3", "7", "4"], parsed.Select(j => j.GetProperty("pump_id").GetString()));
        Assert.Equal(["opened", "pump_silent", "opened"], parsed.Select(j => j.GetProperty("event").GetString()));
        Assert.Equal(0.712, parsed[0].GetProperty("score").GetDouble(), 1e-12);
    }

    [Fact]
    public async Task An_existing_file_is_replaced()
    {
        var path = Path.Combine(_folder, "old.jsonl");
        await File.WriteAllTextAsync(path, "left over\nfrom before\n");

        await using (var sink = new JsonLinesAlertSink(path))
        {
            await sink.PublishAsync(TestAlerts.Opened(), CancellationToken.None);
        }

        Assert.Single(File.ReadAllLines(path));
    }
}
