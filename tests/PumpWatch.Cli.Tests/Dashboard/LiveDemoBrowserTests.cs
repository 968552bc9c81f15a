using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace PumpWatch.Cli.Tests.Dashboard;

/// <summary><c>pumpwatch demo</c> as a user runs it, with the page it prints open in headless chromium while it runs.</summary>
public sealed class LiveDemoBrowserTests(ITestOutputHelper log) : IAsyncLifetime
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
    public async Task LivePage_ShowsTheAlertOfAnInjectedFault_WhenItIsRaised()
    {
        // The browser starts first: on a loaded machine it takes longer than the demo's first alert.
        var page = await _browser.BlankAsync();

        // 3 pumps, 8 simulated hours at 600x real time (48 s); training on the first 2 h; the first fault starts 2.4 h
        // in, its first alert about 18 s after the start.
        using var demo = _cli.StartBounded(TimeSpan.FromSeconds(300), "demo", "--pumps", "3", "--duration", "08:00:00", "--warmup", "02:00:00",
            "--speed", "600", "--seed", "1", "--db", "live.duckdb", "--port", "0");
        try
        {
            var faultPumps = new HashSet<string>(StringComparer.Ordinal);
            Uri? address = null;
            while (address is null && await demo.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(120)) is { } line)
            {
                if (Regex.Match(line, @"fault to find: pump (\S+)") is { Success: true } fault)
                {
                    faultPumps.Add(fault.Groups[1].Value);
                }

                address = LineSignal.Find(line);
            }

            Assert.NotNull(address);
            Assert.NotEmpty(faultPumps);
            // Read on, so that a full pipe never holds the demo up.
            var rest = demo.StandardOutput.ReadToEndAsync();

            await page.Page.GotoAsync(address + "?refresh=1");
            await page.Until("Number(document.body.dataset.refreshes) >= 1", 60);
            Assert.True(await page.Eval<int>("document.querySelectorAll('[data-panel=\"alerts\"] tr[data-alert]').length") == 0,
                "an alert was already listed when the page first loaded: the test cannot see one arrive");
            Assert.Equal("live", await page.Eval<string>("document.getElementById('status').textContent"));

            // The page refreshes itself: the first alert arrives without a reload, for a pump with an injected fault.
            await page.Until("document.querySelectorAll('[data-panel=\"alerts\"] tr[data-alert]').length > 0", 120);
            var pump = await page.Eval<string>("document.querySelector('[data-panel=\"alerts\"] tr[data-alert]').dataset.pump");
            Assert.Contains(pump, faultPumps);
            await page.Until("[...document.querySelectorAll('section.panel')].every(s => s.dataset.state === 'data')", 60);
            var shot = BrowserSession.ArtifactPath("dashboard-live.png");
            await page.Page.ScreenshotAsync(new() { Path = shot, FullPage = true });
            log.WriteLine($"screenshot: {shot}");
            Assert.Empty(page.Errors);

            // The demo runs to its end (Ctrl+C is tested in VerbTests: on a loaded machine its 10 s grace may not suffice).
            Assert.True(demo.WaitForExit(240_000), "the demo did not end");
            Assert.Equal(0, demo.ExitCode);
            Assert.Contains("Summary:", await rest, StringComparison.Ordinal);
            // The page says so when its server has gone with the demo.
            await page.Until("document.getElementById('status').textContent.includes('stopped')", 30);
        }
        finally
        {
            if (!demo.HasExited)
            {
                demo.Kill(entireProcessTree: true);
            }
        }
    }
}
