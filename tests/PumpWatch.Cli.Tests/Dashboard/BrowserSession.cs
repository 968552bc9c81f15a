using Microsoft.Playwright;

namespace PumpWatch.Cli.Tests.Dashboard;

/// <summary>
/// Headless chromium driven by Playwright, launched on first use and closed with the test class. Each page it opens
/// records console errors, uncaught exceptions and every URL it requests, for the tests to assert on.
/// </summary>
public sealed class BrowserSession : IAsyncLifetime
{
    /// <summary>Debian's chromium; Playwright downloads no browser of its own here.</summary>
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where screenshots go: beside the test binaries, in artifacts/.</summary>
    public static string ArtifactPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    /// <summary>A page at <paramref name="url"/>.</summary>
    public async Task<WatchedPage> OpenAsync(string url, int width = 1600, int height = 1000)
    {
        var page = await BlankAsync(width, height);
        await page.Page.GotoAsync(url);
        return page;
    }

    /// <summary>A blank page, with the browser started: a test that races a process opens it first.</summary>
    public async Task<WatchedPage> BlankAsync(int width = 1600, int height = 1000)
    {
        _playwright ??= await Playwright.CreateAsync();
        _browser ??= await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        return new WatchedPage(page);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
