using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PumpWatch.Cli.Tests;

/// <summary>
/// The README's quick start for a historian CSV works in one try: its json block is written as site.json and every
/// command line of its bash block runs, as printed, against an export of the shape the README shows (quoted cells,
/// local-format times, a status text in a value cell) with a bearing fault on the second afternoon.
/// </summary>
public sealed partial class ReadmeQuickStartTests : IDisposable
{
    private const string RunPrefix = "dotnet run --project pipeline/PumpWatch.Cli -- ";
    private static readonly DateTime T0 = new(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime FaultOnset = T0.AddHours(36);   // day 2, 12:00
    private static readonly DateTime FaultClear = T0.AddHours(38);   // by then vibration has doubled
    private const int IntervalSeconds = 10;
    private const int Rows = 2 * 24 * 3600 / IntervalSeconds;

    // Healthy day-2 morning windows that may alarm: the forest's threshold is calibrated at a few percent of healthy
    // windows, so 10% leaves room for that and fails on a detector that alarms on everything.
    private const double HealthyAlarmShareAtMost = 0.10;

    // Windows after the vibration has doubled that must alarm: nearly all, 90%.
    private const double FaultAlarmShareAtLeast = 0.90;

    private readonly CliProcess _cli = new();

    public void Dispose() => _cli.Dispose();

    [GeneratedRegex("```(?<lang>json|bash)\\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    private static string ReadmeSection()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var readme = File.ReadAllText(Path.Combine(dir.FullName, "README.md"));
        var start = readme.IndexOf("## Your own data: a historian CSV", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no historian quick start section");
        var end = readme.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        return readme[start..end];
    }

    private void WriteHistorian()
    {
        var rng = new MathNet.Numerics.Random.MersenneTwister(2026);
        var text = new StringBuilder("\"Timestamp\",\"Tag.TT101\",\"Tag.PT101\",\"Tag.FT101\",\"Tag.VT101\"\r\n");
        for (var i = 0; i < Rows; i++)
        {
            var t = T0.AddSeconds(i * IntervalSeconds);
            // Bearing wear: broadband vibration rises from the onset, bearing temperature follows (ARCHITECTURE.md, domain facts).
            var wear = t < FaultOnset ? 0 : Math.Min(1, (t - FaultOnset).TotalHours / 2);
            var temperature = 67 + (rng.NextDouble() - 0.5) + (8 * wear * wear);
            var pressure = 300 + (4 * (rng.NextDouble() - 0.5));
            var flow = 612 + (6 * (rng.NextDouble() - 0.5));
            var vibration = 1.5 + (0.1 * (rng.NextDouble() - 0.5)) + (1.5 * wear) + (wear * 0.5 * rng.NextDouble());
            var pressureCell = i % 997 == 5 ? "I/O Timeout" : pressure.ToString("0.0", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture,
                $"\"{t:yyyy-MM-dd HH:mm:ss}\",\"{temperature:0.000}\",\"{pressureCell}\",\"{flow:0.0}\",\"{vibration:0.00}\"\r\n");
        }

        File.WriteAllText(_cli.PathOf("historian.csv"), text.ToString());
    }

    [Fact]
    public void HistorianQuickStart_AsPrinted_TrainsScoresAndReplays_AndFindsTheFault()
    {
        var blocks = FencedBlock().Matches(ReadmeSection());
        var json = Assert.Single(blocks, b => b.Groups["lang"].Value == "json").Groups["body"].Value;
        File.WriteAllText(_cli.PathOf("site.json"), json);
        WriteHistorian();

        var lines = Assert.Single(blocks, b => b.Groups["lang"].Value == "bash").Groups["body"].Value
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(3, lines.Length);
        var outputs = new List<(int Code, string Out, string Err)>();
        foreach (var line in lines)
        {
            Assert.StartsWith(RunPrefix, line, StringComparison.Ordinal);
            // The README's arguments hold no quotes or spaces inside one argument, so splitting on spaces is exact.
            var result = _cli.Run(line[RunPrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            Assert.True(result.Code == 0, $"{line}\nexit {result.Code}\n{result.Err}");
            outputs.Add(result);
        }

        // score: one row per one-minute window; the I/O Timeout cells quarantined with their line, nothing else lost.
        Assert.Contains("I/O Timeout", outputs[1].Err, StringComparison.Ordinal);
        var rows = File.ReadAllLines(_cli.PathOf("scores.csv"));
        var header = rows[0].Split(',');
        var (startColumn, predictedColumn) = (Array.IndexOf(header, "window_start"), Array.IndexOf(header, "predicted"));
        var windows = rows.Skip(1).Select(r => r.Split(','))
            .Select(c => (Start: DateTime.Parse(c[startColumn], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), Alarm: c[predictedColumn] == "1"))
            .ToList();
        Assert.Equal(Rows * IntervalSeconds / 60, windows.Count);
        var healthy = windows.Where(w => w.Start >= T0.AddHours(24) && w.Start < FaultOnset).ToList();
        var faulty = windows.Where(w => w.Start >= FaultClear).ToList();
        Assert.True(healthy.Count(w => w.Alarm) <= HealthyAlarmShareAtMost * healthy.Count, $"{healthy.Count(w => w.Alarm)} of {healthy.Count} healthy windows alarm");
        Assert.True(faulty.Count(w => w.Alarm) >= FaultAlarmShareAtLeast * faulty.Count, $"{faulty.Count(w => w.Alarm)} of {faulty.Count} faulty windows alarm");

        // backtest: an alert opened on P-101 after the onset, with the features that set it off.
        var alerts = File.ReadAllLines(_cli.PathOf(Path.Combine("backtest-out", "alerts.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(alerts, a => a.GetProperty("pump_id").GetString() == "P-101" && a.GetProperty("event").GetString() == "opened"
            && DateTime.Parse(a.GetProperty("window_start").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal) >= FaultOnset
            && a.GetProperty("top_features").GetArrayLength() > 0);
    }
}
