using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace PumpWatch.Cli.Tests.Dashboard;

/// <summary>A browser page with what it said: console errors and uncaught exceptions, and the URLs it requested.</summary>
public sealed class WatchedPage
{
    public WatchedPage(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Errors.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => Errors.Add($"uncaught: {error}");
        page.Request += (_, request) => Requests.Add(request.Url);
    }

    public IPage Page { get; }

    public ConcurrentBag<string> Errors { get; } = [];

    public ConcurrentBag<string> Requests { get; } = [];

    /// <summary>Waits until the script expression is true in the page (polled by the browser), or fails after <paramref name="seconds"/>.</summary>
    public Task Until(string expression, int seconds = 90) =>
        Page.WaitForFunctionAsync($"() => {{ try {{ return !!({expression}); }} catch (e) {{ return false; }} }}", null, new PageWaitForFunctionOptions { Timeout = seconds * 1000 });

    public Task<T> Eval<T>(string expression) => Page.EvaluateAsync<T>($"() => ({expression})");
}
