using System.Globalization;
using System.Text.Json;

namespace PumpWatch.Cli.Tests;

/// <summary>A site's twenty historian flags written once in --config; flags on the command line override the file.</summary>
public sealed class SiteConfigTests : IDisposable
{
    private readonly CliProcess _cli = new();

    public void Dispose() => _cli.Dispose();

    private void WriteHistorian()
    {
        var lines = new List<string> { "ts;TT101;VT101" };
        var rng = new MathNet.Numerics.Random.MersenneTwister(9);
        var t0 = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 2 * 3600; i++)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{t0.AddSeconds(i):yyyy-MM-dd HH:mm:ss};{70 + rng.NextDouble():0.000};{1.5 + (rng.NextDouble() * 0.1):0.000}"));
        }

        File.WriteAllLines(_cli.PathOf("historian.csv"), lines);
        File.WriteAllText(_cli.PathOf("site.json"), """
            {
              "delimiter": ";",
              "time_column": "ts",
              "time_format": "yyyy-MM-dd HH:mm:ss",
              "pump": "P-101",
              "sensors": "TT101=temperature,VT101=vibration",
              "sensor_range": ["vibration=0:50:mm/s"],
              "window": "5m"
            }
            """);
    }

    [Fact]
    public void Config_SuppliesTheHistorianFlags_AndACommandLineFlagOverridesIt()
    {
        WriteHistorian();
        var train = _cli.Run("train", "historian.csv", "--config", "site.json", "--out", "m.json");
        Assert.True(train.Code == 0, train.Err);
        // Two hours of 5-minute windows: 24 windows of pump P-101, from the file's window.
        Assert.Contains("on 24 windows", train.Out, StringComparison.Ordinal);
        var model = JsonDocument.Parse(File.ReadAllText(_cli.PathOf("m.json"))).RootElement;
        Assert.Equal(300, model.GetProperty("input").GetProperty("windowSeconds").GetDouble());

        var overridden = _cli.Run("train", "historian.csv", "--config", "site.json", "--window", "10m", "--out", "m10.json");
        Assert.True(overridden.Code == 0, overridden.Err);
        Assert.Contains("on 12 windows", overridden.Out, StringComparison.Ordinal);

        // An option given by its alias on the command line also wins over the file.
        File.WriteAllText(_cli.PathOf("with-out.json"), File.ReadAllText(_cli.PathOf("site.json")).Replace("\"window\": \"5m\"", "\"window\": \"5m\", \"out\": \"from-config.json\"", StringComparison.Ordinal));
        var alias = _cli.Run("train", "historian.csv", "--config", "with-out.json", "-o", "from-cli.json");
        Assert.True(alias.Code == 0, alias.Err);
        Assert.True(File.Exists(_cli.PathOf("from-cli.json")));
        Assert.False(File.Exists(_cli.PathOf("from-config.json")));
    }

    [Fact]
    public void Config_WithAnUnknownKeyOrBadJson_IsOneLineNamingTheFile()
    {
        WriteHistorian();
        File.WriteAllText(_cli.PathOf("typo.json"), """{ "time_colum": "ts" }""");
        var typo = _cli.Run("train", "historian.csv", "--config", "typo.json");
        Assert.Equal(2, typo.Code);
        var line = Assert.Single(typo.Err.Trim().Split('\n'));
        Assert.Contains("typo.json: 'time_colum' is not an option of 'train'", line, StringComparison.Ordinal);
        Assert.Contains("time_column", line, StringComparison.Ordinal);

        File.WriteAllText(_cli.PathOf("broken.json"), "{ \"window\": ");
        var broken = _cli.Run("train", "historian.csv", "--config", "broken.json");
        Assert.Equal(2, broken.Code);
        Assert.Contains("broken.json: not a JSON object", broken.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", broken.Err, StringComparison.Ordinal);
    }
}
