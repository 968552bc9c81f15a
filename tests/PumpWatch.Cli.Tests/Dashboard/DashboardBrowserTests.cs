using System.Globalization;
using DuckDB.NET.Data;
using PumpWatch.Cli.Dashboard;
using Xunit.Abstractions;

namespace PumpWatch.Cli.Tests.Dashboard;

/// <summary>The dashboard page in headless chromium over a finished demo's store, served in this process.</summary>
[Collection(DemoStoreCollection.Name)]
public sealed class DashboardBrowserTests(DemoStore demo, ITestOutputHelper log) : IAsyncLifetime
{
    private readonly BrowserSession _browser = new();
    private DashboardServer? _server;

    public async Task InitializeAsync() => _server = await DashboardServer.StartAsync(DashboardStore.Open(demo.Path), 0);

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    internal static string SeriesNames(string panel) =>
        $"echarts.getInstanceByDom(document.querySelector('[data-panel=\"{panel}\"] .chart')).getOption().series.map(s => s.name).join(',')";

    [ChromiumFact]
    public async Task Page_DrawsEveryPanelWithData_WithNoConsoleError_AndIsScreenshot()
    {
        var page = await _browser.OpenAsync(_server!.Address + "?refresh=0");
        await page.Until("Number(document.body.dataset.refreshes) >= 1");
        var states = await page.Eval<string[]>("[...document.querySelectorAll('section.panel')].map(s => s.dataset.panel + '=' + s.dataset.state)");
        Assert.Equal(DashboardPanels.All.Select(p => p.Id).Order(), states.Select(s => s.Split('=')[0]).Order());
        Assert.All(states, s => Assert.EndsWith("=data", s, StringComparison.Ordinal));

        // What is drawn is the store's: a line per pump, a KPI per pump and sensor, a row per alert event.
        Assert.Equal("1,2,3", await page.Eval<string>(SeriesNames("sensor_readings")));
        Assert.Equal(3 * 4, await page.Eval<int>("document.querySelectorAll('[data-panel=\"current_values\"] .kpi').length"));
        Assert.Equal(Count("SELECT count(*) FROM alerts"), await page.Eval<int>("document.querySelectorAll('[data-panel=\"alerts\"] tr[data-alert]').length"));
        Assert.Equal(Count("SELECT count(*) FROM alerts WHERE event IN ('opened', 'escalated')"),
            await page.Eval<int>("echarts.getInstanceByDom(document.querySelector('[data-panel=\"anomaly_score\"] .chart')).getOption().series.find(s => s.name === 'alerts').data.length"));

        var shot = BrowserSession.ArtifactPath("dashboard.png");
        await page.Page.ScreenshotAsync(new() { Path = shot, FullPage = true });
        log.WriteLine($"screenshot: {shot}");
        Assert.True(new FileInfo(shot).Length > 50_000);
        Assert.Empty(page.Errors);
        // Everything came from this server: no CDN, no other host.
        Assert.All(page.Requests, url => Assert.StartsWith(_server.Address.ToString(), url, StringComparison.Ordinal));
    }

    [ChromiumFact]
    public async Task Pickers_ChangeWhatIsDrawn()
    {
        var page = await _browser.OpenAsync(_server!.Address + "?refresh=0");
        await page.Until($"{SeriesNames("sensor_readings")} === '1,2,3'");

        // The pump picker: pump 2's lines leave every panel that is per pump.
        await page.Page.Locator("#pumps input[data-pump='2']").UncheckAsync();
        await page.Until($"{SeriesNames("sensor_readings")} === '1,3'");
        await page.Until($"{SeriesNames("anomaly_score")}.startsWith('1,3,threshold')");
        await page.Until("document.querySelectorAll('[data-panel=\"current_values\"] .kpi[data-pump=\"2\"]').length === 0");
        // Panels load in parallel: each is waited for.
        await page.Until("document.querySelectorAll('[data-panel=\"alerts\"] tr[data-alert]').length > 0 && document.querySelectorAll('[data-panel=\"alerts\"] tr[data-pump=\"2\"]').length === 0");

        // The sensor picker: the line is now pressure, in psi, at pump 1's mean pressure.
        await page.Page.Locator("#sensor").SelectOptionAsync("pressure");
        await page.Until("echarts.getInstanceByDom(document.querySelector('[data-panel=\"sensor_readings\"] .chart')).getOption().yAxis[0].name === 'psi'");
        var firstPressure = await page.Eval<double>("echarts.getInstanceByDom(document.querySelector('[data-panel=\"sensor_readings\"] .chart')).getOption().series[0].data[0][1]");
        var expected = Convert.ToDouble(Scalar("SELECT avg(pressure) FROM readings WHERE pump_id = '1' AND time < TIMESTAMP '2026-05-01 00:01:00'"), CultureInfo.InvariantCulture);
        Assert.Equal(expected, firstPressure, 1e-9);

        // The time range: the last hour starts an hour before the newest reading.
        await page.Page.Locator("#ranges button[data-range='1h']").ClickAsync();
        var hourAgo = Count("SELECT epoch_ms(max(time)) FROM readings") - 3_600_000;
        await page.Until($"echarts.getInstanceByDom(document.querySelector('[data-panel=\"sensor_readings\"] .chart')).getOption().series[0].data[0][0] >= {hourAgo - 10_000}");
        Assert.Equal("true", await page.Eval<string>("document.querySelector('#ranges button[data-range=\"1h\"]').getAttribute('aria-pressed')"));
        Assert.Empty(page.Errors);
    }

    private object Scalar(string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={demo.Path};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()!;
    }

    private long Count(string sql) => Convert.ToInt64(Scalar(sql), CultureInfo.InvariantCulture);
}
