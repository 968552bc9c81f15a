using System.Reflection;

namespace PumpWatch.Cli.Dashboard;

/// <summary>
/// The page, its script and style and the pinned chart library (WebAssets/), embedded in pumpwatch.dll: the dashboard
/// serves them and the backtest report inlines them, with no build step, no file beside the tool and no CDN.
/// </summary>
internal static class WebAssetFiles
{
    /// <summary>The chart library's file, Apache ECharts 6.1.0's common build (WebAssets/echarts/README.md says where it came from).</summary>
    public const string ChartLibrary = "echarts/echarts.common.min.js";

    private const string Prefix = "WebAssets/";

    /// <summary>Paths under WebAssets/ of every embedded asset.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(WebAssetFiles).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Select(n => n[Prefix.Length..]).ToList();

    /// <summary>The asset's bytes, or null when there is no such asset.</summary>
    public static byte[]? Read(string name)
    {
        using var stream = typeof(WebAssetFiles).Assembly.GetManifestResourceStream(Prefix + name);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The asset as text (UTF-8); it must exist, being part of this build.</summary>
    public static string Text(string name) =>
        System.Text.Encoding.UTF8.GetString(Read(name) ?? throw new InvalidOperationException($"asset {name} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}"));

    /// <summary>The Content-Type for an asset, by its extension (the licence files are plain text).</summary>
    public static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "text/plain; charset=utf-8",
    };
}
