using System.Text.Json;
using PumpWatch.Simulator;
using Xunit.Abstractions;

namespace PumpWatch.Cli.Tests.Dashboard;

/// <summary><c>backtest --report</c>: the HTML file opens from disk in headless chromium, fetches nothing, and draws its charts.</summary>
public sealed class ReportBrowserTests(ITestOutputHelper log) : IAsyncLifetime
{
    private readonly BrowserSession _browser = new();
    private readonly CliProcess _cli = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _cli.Dispose();
    }

    [ChromiumFact]
    public async Task Report_OpensFromDisk_AndDrawsEachPumpsTimelineWithItsFaultsAndAlerts()
    {
        var simulator = new PumpSimulator(new SimulatorOptions(3, TimeSpan.FromSeconds(1), new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(6), 4, 0.001));
        File.WriteAllLines(_cli.PathOf("readings.jsonl"), simulator.Generate().Select(r => r.ToLine()));
        File.WriteAllLines(_cli.PathOf("labels.csv"), [FaultSpec.LabelsHeader, .. simulator.Faults.Select(f => f.ToLabelLine())]);
        var run = _cli.Run("backtest", "readings.jsonl", "--train-to", "2026-05-01T02:00:00Z", "--labels", "labels.csv", "--out", "bt", "--report", "bt/report.html");
        Assert.True(run.Code == 0, run.Err);
        Assert.Contains("report:  bt/report.html", run.Out, StringComparison.Ordinal);

        var page = await _browser.OpenAsync(new Uri(_cli.PathOf("bt/report.html")).AbsoluteUri, 1200, 900);
        await page.Until("Number(document.body.dataset.rendered) === 3");
        // Self-contained: the file itself is the only request.
        Assert.All(page.Requests, url => Assert.StartsWith("file://", url, StringComparison.Ordinal));

        // Each pump's chart: a score line, one shaded interval per labelled fault of that pump (from the simulator), and a
        // marker per alert opened for that pump outside training (from alerts.jsonl, the backtest's own record).
        var opened = File.ReadLines(_cli.PathOf("bt/alerts.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(a => a.GetProperty("event").GetString() == "opened" && string.CompareOrdinal(a.GetProperty("window_start").GetString(), "2026-05-01T02:00:00") >= 0)
            .ToList();
        foreach (var pump in new[] { "1", "2", "3" })
        {
            var chart = $"echarts.getInstanceByDom(document.querySelector('.timeline[data-pump=\"{pump}\"]')).getOption()";
            Assert.True(await page.Eval<int>($"{chart}.series[0].data.length") > 100);
            Assert.Equal(simulator.Faults.Count(f => f.PumpId == pump), await page.Eval<int>($"{chart}.series[0].markArea.data.length"));
            Assert.Equal(opened.Count(a => a.GetProperty("pump_id").GetString() == pump), await page.Eval<int>($"{chart}.series[2].data.length"));
        }

        // The tables: a row per fault kind, and the metrics as metrics.json has them.
        var kinds = await page.Eval<string[]>("[...document.querySelectorAll('table.kinds tr[data-kind]')].map(r => r.dataset.kind)");
        Assert.Equal(simulator.Faults.Select(f => f.Kind.Name()).Distinct().Order(StringComparer.Ordinal), kinds);
        var metrics = JsonDocument.Parse(File.ReadAllText(_cli.PathOf("bt/metrics.json"))).RootElement;
        var table = await page.Eval<string>("document.querySelector('table.metrics').innerText");
        Assert.Contains($"precision\t{metrics.GetProperty("precision").GetDouble():0.000}", table, StringComparison.Ordinal);
        Assert.Contains($"faults detected\t{metrics.GetProperty("events_detected").GetInt32()} of {metrics.GetProperty("events").GetInt32()}", table, StringComparison.Ordinal);
        Assert.Contains($"{metrics.GetProperty("true_positives").GetInt64():#,0} true positives", await page.Eval<string>("document.querySelector('table.confusion').innerText"), StringComparison.Ordinal);

        var shot = BrowserSession.ArtifactPath("report.png");
        await page.Page.ScreenshotAsync(new() { Path = shot, FullPage = true });
        log.WriteLine($"screenshot: {shot}");
        Assert.Empty(page.Errors);
    }
}
