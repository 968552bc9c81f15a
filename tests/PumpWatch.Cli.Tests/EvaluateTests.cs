using System.Globalization;
using System.Text.Json;
using PumpWatch.Simulator;
using PumpWatch.Testing;

namespace PumpWatch.Cli.Tests;

public sealed class EvaluateTests : IDisposable
{
    private const double Tolerance = 1e-9;
    private readonly CliProcess _cli = new();

    public void Dispose() => _cli.Dispose();

    private static readonly string[] SmallFleet = ["--pumps", "10", "--duration", "1d", "--healthy-lead", "12h", "--fault-rate", "2"];

    [Fact]
    public void Evaluate_OneSeed_PrintsTheKindTable_AndItsJsonAddsUp()
    {
        var (code, output, error) = _cli.Run(["evaluate", "--seeds", "5", .. SmallFleet, "--no-nab", "--out", "e.json"]);
        Assert.True(code == 0, error);
        Assert.Contains("fault              onset    faults      detected  median delay  median share of ramp", output, StringComparison.Ordinal);
        Assert.Contains("judged on the held-out seeds only", output, StringComparison.Ordinal);

        var group = JsonDocument.Parse(File.ReadAllText(_cli.PathOf("e.json"))).RootElement.GetProperty("groups")[0];
        Assert.Equal("given", group.GetProperty("name").GetString());

        // 2 faults per pump-day x 10 pumps x the 12 h after the lead = 10 faults, over 5 evaluated pump-days.
        Assert.Equal(10, group.GetProperty("faults").GetInt32());
        Assert.Equal(10, group.GetProperty("by_kind").EnumerateArray().Sum(r => r.GetProperty("faults").GetInt32()));
        var all = group.GetProperty("totals").EnumerateArray().Last();
        Assert.Equal(("all", "all", 10), (all.GetProperty("kind").GetString(), all.GetProperty("onset").GetString(), all.GetProperty("faults").GetInt32()));
        Assert.Equal(group.GetProperty("detected").GetInt32(), group.GetProperty("fault_outcomes").EnumerateArray().Count(f => f.GetProperty("detected").GetBoolean()));
        Assert.Equal(5, group.GetProperty("pump_days").GetDouble(), Tolerance);
        var falseAlerts = group.GetProperty("false_alerts").GetInt32();
        Assert.Equal(falseAlerts / 5.0, group.GetProperty("false_alerts_per_pump_day").GetDouble(), Tolerance);
        Assert.Equal(falseAlerts, group.GetProperty("false_alert_causes").EnumerateArray().Sum(c => c.GetProperty("false_alerts").GetInt32()));
        Assert.Equal(falseAlerts, group.GetProperty("false_alert_list").GetArrayLength());
        Assert.All(group.GetProperty("fault_outcomes").EnumerateArray(), f =>
            Assert.Equal(f.GetProperty("start").GetString() == f.GetProperty("ramp_end").GetString() ? "abrupt" : "gradual", f.GetProperty("onset").GetString()));
    }

    [Fact]
    public void Evaluate_AgreesWithABacktestOfTheSameScenarioWrittenToFiles()
    {
        // The same seed and settings through the simulator's files and `pumpwatch backtest`: the same faults found and the
        // same false alerts, and the labels' ramp_end column gives the backtest the same per-kind rows.
        var evaluate = _cli.Run(["evaluate", "--seeds", "5", .. SmallFleet, "--no-nab", "--out", "e.json"]);
        Assert.True(evaluate.Code == 0, evaluate.Err);
        var options = FleetScenario.Draw(new SimulatorOptions(10, TimeSpan.FromSeconds(10), new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(1), 5),
            new FleetOptions(2, TimeSpan.FromHours(12)));
        File.WriteAllLines(_cli.PathOf("readings.jsonl"), new PumpSimulator(options).Generate().Select(r => r.ToLine()));
        File.WriteAllLines(_cli.PathOf("labels.csv"), [FaultSpec.LabelsHeader, .. options.Faults!.Select(f => f.ToLabelLine())]);
        var backtest = _cli.Run("backtest", "readings.jsonl", "--train-to", "2026-05-01T12:00:00Z", "--labels", "labels.csv", "--out", "bt");
        Assert.True(backtest.Code == 0, backtest.Err);

        var group = JsonDocument.Parse(File.ReadAllText(_cli.PathOf("e.json"))).RootElement.GetProperty("groups")[0];
        var metrics = JsonDocument.Parse(File.ReadAllText(_cli.PathOf("bt/metrics.json"))).RootElement;
        Assert.Equal(group.GetProperty("faults").GetInt32(), metrics.GetProperty("events").GetInt32());
        Assert.Equal(group.GetProperty("detected").GetInt32(), metrics.GetProperty("events_detected").GetInt32());
        Assert.Equal(group.GetProperty("false_alerts").GetInt32(), metrics.GetProperty("false_alerts").GetInt32());
        static string Rows(JsonElement rows) => string.Join(';', rows.EnumerateArray().Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.GetProperty("kind").GetString()}/{r.GetProperty("onset").GetString()}/{r.GetProperty("faults").GetInt32()}/{r.GetProperty("detected").GetInt32()}")));
        Assert.Equal(Rows(group.GetProperty("by_kind")), Rows(metrics.GetProperty("by_kind")));
        Assert.Contains("gradual", Rows(metrics.GetProperty("by_kind")), StringComparison.Ordinal);
        Assert.Contains("abrupt", Rows(metrics.GetProperty("by_kind")), StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void Evaluate_Nab_FindsItsFourFailureWindows_AndAgreesWithTheBacktestCommand()
    {
        var nab = Path.GetDirectoryName(SharedDataFiles.Path("nab", "machine_temperature_labels.csv"))!;
        var evaluate = _cli.Run("evaluate", "--no-fleet", "--nab", nab, "--out", "e.json");
        Assert.True(evaluate.Code == 0, evaluate.Err);
        var result = JsonDocument.Parse(File.ReadAllText(_cli.PathOf("e.json"))).RootElement.GetProperty("nab");
        Assert.Equal(4, result.GetProperty("failures").GetInt32()); // NAB's four labelled windows (its README)
        Assert.Equal("2013-12-09T21:15:00.000000Z", result.GetProperty("trained_to").GetString()); // a week after the first reading, 2013-12-02 21:15

        // Issue 9's target for NAB with the defaults: every failure found, at most 2 false alerts over the series.
        Assert.Equal(4, result.GetProperty("detected").GetInt32());
        Assert.InRange(result.GetProperty("false_alerts").GetInt32(), 0, 2);

        var backtest = _cli.Run("backtest", Path.Combine(nab, "machine_temperature_system_failure.csv"), "--pump", "machine", "--time-format", "yyyy-MM-dd HH:mm:ss",
            "--window", "1h", "--train-to", "2013-12-09T21:15:00Z", "--labels", Path.Combine(nab, "machine_temperature_labels.csv"), "--out", "bt");
        Assert.True(backtest.Code == 0, backtest.Err);
        var metrics = JsonDocument.Parse(File.ReadAllText(_cli.PathOf("bt/metrics.json"))).RootElement;
        Assert.Equal(metrics.GetProperty("events_detected").GetInt32(), result.GetProperty("detected").GetInt32());
        Assert.Equal(metrics.GetProperty("false_alerts").GetInt32(), result.GetProperty("false_alerts").GetInt32());
    }

    [Theory]
    [InlineData("--seeds", "x1", "--seeds 'x1': 'x1' is not tuning, held-out, all or a seed number")]
    [InlineData("--nab", "no-such-folder", "--nab no-such-folder: no machine_temperature_system_failure.csv there")]
    [InlineData("--healthy-lead", "5m", "--healthy-lead 5m leaves fewer than 10 windows to train on")]
    public void Evaluate_BadInput_OneLineNamingIt(string flag, string value, string expected)
    {
        var (code, output, error) = _cli.Run("evaluate", flag, value, "--out", "e.json");
        Assert.Equal(2, code);
        Assert.Equal($"pumpwatch: {expected}", error.Trim());
        Assert.DoesNotContain("Fleet scenario", output, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.PathOf("e.json")));
    }
}
