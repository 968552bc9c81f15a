using System.Globalization;
using System.Text;
using DuckDB.NET.Data;

namespace PumpWatch.Cli.Tests;

/// <summary>
/// CSV files as historians and spreadsheets write them, through the real command: quoted fields, decimal commas,
/// status text in sensor cells, dead sensors, out-of-range epochs, newest-first rows, coarse sampling. Expected
/// values are counted from the rows each test writes, never taken from an earlier run.
/// </summary>
public sealed class CsvInputTests : IDisposable
{
    // Sums of a few hundred values written with three decimals: far below this after parsing and summing.
    private const double SumTolerance = 1e-6;

    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss";
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private static readonly DateTime Start = new(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly CliProcess _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string At(int i, int secondsApart = 10) => Start.AddSeconds(i * secondsApart).ToString(TimeFormat, C);

    private static string Iso(int i, int secondsApart = 10) => Start.AddSeconds(i * secondsApart).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", C);

    private static double Temperature(int i) => 60 + ((i % 7) * 0.125);

    private static double Vibration(int i) => 1.5 + ((i % 5) * 0.25);

    private static object? Scalar(string db, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={db};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static long Count(string db, string sql) => Convert.ToInt64(Scalar(db, sql), C);

    private static void AssertNoStackTrace((int Code, string Out, string Err) result)
    {
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Err, StringComparison.Ordinal);
    }

    /// <summary>
    /// Readings of pump P-1 every 10 s, temperature and vibration; cells listed in the bad maps (row index
    /// to text, per column) are written as that text instead of the number.
    /// </summary>
    private void WriteReadings(string name, int rows, IReadOnlyDictionary<int, string>? badTemperature = null, IReadOnlyDictionary<int, string>? badVibration = null)
    {
        var text = new StringBuilder("timestamp,pump_id,temperature,vibration\n");
        for (var i = 0; i < rows; i++)
        {
            var t = badTemperature is not null && badTemperature.TryGetValue(i, out var bt) ? bt : Temperature(i).ToString("0.000", C);
            var v = badVibration is not null && badVibration.TryGetValue(i, out var bv) ? bv : Vibration(i).ToString("0.000", C);
            text.Append(C, $"{At(i)},P-1,{t},{v}\n");
        }

        File.WriteAllText(_cli.PathOf(name), text.ToString());
    }

    [Fact]
    public void QuotedHistorianCsv_TrainsAndScores_WithQuotedHeaderAndValues()
    {
        const int rows = 600; // 10 s apart: 100 one-minute windows
        var text = new StringBuilder("\"Timestamp\",\"Tag.TT101\",\"Tag.PT101\"\r\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(C, $"\"{At(i)}\",\"{Temperature(i):0.000}\",\"{120 + (i % 3):0.000}\"\r\n");
        }

        File.WriteAllText(_cli.PathOf("historian.csv"), text.ToString());
        string[] layout = ["--time-column", "Timestamp", "--time-format", TimeFormat, "--pump", "P-101"];
        var train = _cli.Run(["train", "historian.csv", .. layout, "--out", "m.json"]);
        Assert.True(train.Code == 0, train.Err);
        Assert.Contains($"({rows} readings from 1 pump, 0 quarantined)", train.Out, StringComparison.Ordinal);
        Assert.Contains("Tag.TT101.mean", train.Out, StringComparison.Ordinal);

        var score = _cli.Run(["score", "historian.csv", .. layout, "--model", "m.json", "--out", "s.csv"]);
        Assert.True(score.Code == 0, score.Err);
        Assert.Equal(rows * 10 / 60, File.ReadAllLines(_cli.PathOf("s.csv")).Length - 1);
    }

    [Fact]
    public void TabularCsv_WithQuotesCommentsAndCrlf_ReadsEveryRow()
    {
        var text = new StringBuilder("# exported by a historian\r\n\"a\",\"b\"\r\n");
        for (var i = 0; i < 50; i++)
        {
            text.Append(C, $"\"{i}.5\",\"{i * 2}\"\r\n");
        }

        File.WriteAllText(_cli.PathOf("tab.csv"), text.ToString());
        var result = _cli.Run("train", "tab.csv", "--tabular", "--out", "tab.json");
        Assert.True(result.Code == 0, result.Err);
        Assert.Contains("50 rows x 2 columns", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void EuropeanCsv_SemicolonAndDecimalComma_ReadsTheCommaAsTheDecimalMark()
    {
        const int rows = 300;
        var text = new StringBuilder("Zeit;Temp\n");
        var sum = 0.0;
        for (var i = 0; i < rows; i++)
        {
            var value = 66.677 + (i % 4);
            sum += value;
            text.Append(C, $"{At(i)};{value.ToString("0.000", C).Replace('.', ',')}\n");
        }

        File.WriteAllText(_cli.PathOf("eu.csv"), text.ToString());

        // No --delimiter: with a decimal comma it defaults to ';'.
        var result = _cli.Run("backtest", "eu.csv", "--decimal-comma", "--time-column", "Zeit", "--time-format", TimeFormat, "--pump", "P-1",
            "--sensors", "Temp=temperature", "--train-rows", "150", "--out", "bt");
        Assert.True(result.Code == 0, result.Err + result.Out);
        var db = _cli.PathOf("bt/backtest.duckdb");
        Assert.Equal(rows, Count(db, "SELECT count(temperature) FROM readings"));
        Assert.Equal(sum, Convert.ToDouble(Scalar(db, "SELECT sum(temperature) FROM readings"), C), SumTolerance);
    }

    [Fact]
    public void TabularCsv_WithDecimalComma_ScoresExactlyAsTheSameNumbersWithPoints()
    {
        var points = new StringBuilder("a,b\n");
        var commas = new StringBuilder("a;b\n");
        for (var i = 0; i < 200; i++)
        {
            var (a, b) = ((i % 13) + 0.125, (i % 7) * 2.5);
            points.Append(C, $"{a:0.000},{b:0.000}\n");
            commas.Append(C, $"{a.ToString("0.000", C).Replace('.', ',')};{b.ToString("0.000", C).Replace('.', ',')}\n");
        }

        File.WriteAllText(_cli.PathOf("points.csv"), points.ToString());
        File.WriteAllText(_cli.PathOf("commas.csv"), commas.ToString());
        Assert.Equal(0, _cli.Run("train", "points.csv", "--tabular", "--out", "m.json").Code);
        var withPoints = _cli.Run("score", "points.csv", "--tabular", "--model", "m.json", "--out", "points-scores.csv");
        var withCommas = _cli.Run("score", "commas.csv", "--tabular", "--decimal-comma", "--model", "m.json", "--out", "comma-scores.csv");
        Assert.True(withCommas.Code == 0, withCommas.Err);
        Assert.Equal(0, withPoints.Code);
        Assert.Equal(File.ReadAllText(_cli.PathOf("points-scores.csv")), File.ReadAllText(_cli.PathOf("comma-scores.csv")));
    }

    [Fact]
    public void DecimalCommaWithoutTheFlag_IsQuarantined_WithTheFlagSuggested()
    {
        // Quoted so the comma stays inside the cell, as Excel writes it with ',' as the delimiter.
        var lines = new List<string> { "timestamp,pump_id,temperature" };
        for (var i = 0; i < 20; i++)
        {
            lines.Add(string.Create(C, $"{At(i)},P-1,\"{(i == 5 ? "66,677" : "66.5")}\""));
        }

        File.WriteAllLines(_cli.PathOf("mixed.csv"), lines);
        var result = _cli.Run("train", "mixed.csv", "--time-format", TimeFormat);
        Assert.Contains("mixed.csv:7: column 'temperature': '66,677' is not a number (a decimal comma? use --decimal-comma)", result.Err, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    [Theory]
    [InlineData("readings")]
    [InlineData("tabular")]
    public void HeaderOfOneColumn_SuggestsTheDelimiter(string kind)
    {
        File.WriteAllLines(_cli.PathOf("semi.csv"), ["timestamp;pump_id;vibration", "2026-05-01T00:00:00Z;1;1,5"]);
        var result = kind == "tabular" ? _cli.Run("train", "semi.csv", "--tabular") : _cli.Run("train", "semi.csv");
        Assert.Equal(2, result.Code);
        var line = Assert.Single(result.Err.Trim().Split('\n'));
        Assert.Contains("semi.csv:1", line, StringComparison.Ordinal);
        Assert.Contains("--delimiter ';'", line, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    [Fact]
    public void NonNumericCells_AreQuarantinedWithFileLineAndText_AndTheRowsOtherSensorsKept()
    {
        const int rows = 300;
        var badTemperature = new Dictionary<int, string> { [40] = "#N/A", [41] = "#N/A", [150] = "Bad" };
        var badVibration = new Dictionary<int, string> { [90] = "I/O Timeout" };
        WriteReadings("r.csv", rows, badTemperature, badVibration);
        var result = _cli.Run("backtest", "r.csv", "--train-rows", "200", "--out", "bt");
        Assert.True(result.Code == 0, result.Err + result.Out);
        AssertNoStackTrace(result);

        var db = _cli.PathOf("bt/backtest.duckdb");
        var bad = badTemperature.Count + badVibration.Count;
        Assert.Equal(bad, Count(db, "SELECT count(*) FROM quarantine WHERE reason = 'non_numeric_value'"));
        Assert.Equal(bad, Count(db, "SELECT count(*) FROM quarantine"));

        // Row index i is on file line i + 2 (after the header); each detail names file:line, column and text.
        foreach (var (i, text) in badTemperature)
        {
            Assert.Equal(1, Count(db, $"SELECT count(*) FROM quarantine WHERE detail LIKE 'r.csv:{i + 2}: column ''temperature'': ''{text}''%'"));
        }

        Assert.Equal(1, Count(db, $"SELECT count(*) FROM quarantine WHERE detail LIKE 'r.csv:{90 + 2}: column ''vibration'': ''I/O Timeout''%'"));

        // Every row still made a reading: the good sensor of a row with a bad cell is kept, the bad one is missing.
        Assert.Equal(rows, Count(db, "SELECT count(*) FROM readings"));
        Assert.Equal(rows - badTemperature.Count, Count(db, "SELECT count(temperature) FROM readings"));
        Assert.Equal(rows - badVibration.Count, Count(db, "SELECT count(vibration) FROM readings"));
        Assert.Contains($"{rows + bad} records ({rows} accepted, {bad} quarantined", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_MakesANonNumericCellFatal_NamingFileLineAndText()
    {
        WriteReadings("r.csv", 100, new Dictionary<int, string> { [40] = "#N/A" });
        var result = _cli.Run("train", "r.csv", "--strict");
        Assert.Equal(2, result.Code);
        var line = Assert.Single(result.Err.Trim().Split('\n'));
        Assert.Contains("r.csv:42", line, StringComparison.Ordinal);
        Assert.Contains("'#N/A'", line, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    [Fact]
    public void DeadSensor_IsReportedWithItsPeriodRowsAndText()
    {
        // Vibration answers "I/O Timeout" for rows 100..179: 80 rows over 790 s, more than the default 10 minutes;
        // temperature is empty for rows 200..209 (90 s), too short to report.
        var timeouts = Enumerable.Range(100, 80).ToDictionary(i => i, _ => "I/O Timeout");
        var empty = Enumerable.Range(200, 10).ToDictionary(i => i, _ => "");
        WriteReadings("r.csv", 300, empty, timeouts);
        var result = _cli.Run("train", "r.csv");
        Assert.True(result.Code == 0, result.Err);
        Assert.Contains($"pump P-1 sensor vibration: no numeric value from {Iso(100)} to {Iso(179)} (80 rows: 'I/O Timeout')", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("sensor temperature: no numeric value", result.Err, StringComparison.Ordinal);

        var shorter = _cli.Run("train", "r.csv", "--dead-sensor-after", "1m");
        Assert.Contains($"pump P-1 sensor temperature: no numeric value from {Iso(200)} to {Iso(209)} (10 rows: empty)", shorter.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void EpochSecondsOnMillisecondTimes_QuarantinesWithTheHint_WithoutAStackTrace()
    {
        const int rows = 200;
        var lines = new List<string> { "timestamp,pump_id,vibration" };
        for (var i = 0; i < rows; i++)
        {
            lines.Add(string.Create(C, $"{1_777_636_800_000L + (i * 1000)},P-1,{Vibration(i):0.000}"));
        }

        File.WriteAllLines(_cli.PathOf("ms.csv"), lines);
        var train = _cli.Run("train", "ms.csv", "--time-format", "epoch_ms", "--out", "m.json");
        Assert.True(train.Code == 0, train.Err);

        // Every time read as seconds is tens of thousands of years out: each row is quarantined, none throws.
        var result = _cli.Run("backtest", "ms.csv", "--time-format", "epoch_s", "--model", "m.json", "--out", "bt");
        Assert.True(result.Code == 0, result.Err + result.Out);
        AssertNoStackTrace(result);
        Assert.Contains("use --time-format epoch_ms", result.Err, StringComparison.Ordinal);
        Assert.Equal(rows, Count(_cli.PathOf("bt/backtest.duckdb"), "SELECT count(*) FROM quarantine WHERE reason = 'bad_timestamp' AND detail LIKE '%epoch_ms%'"));

        // Training on such a file has nothing to train on: exit 2, the hint first, no stack trace.
        var training = _cli.Run("backtest", "ms.csv", "--time-format", "epoch_s", "--train-rows", "50", "--out", "bt2");
        Assert.Equal(2, training.Code);
        Assert.Contains("use --time-format epoch_ms", training.Err, StringComparison.Ordinal);
        AssertNoStackTrace(training);
    }

    [Fact]
    public void NewestFirstFile_GivesTheSameWindowsAsTheSameRowsOldestFirst()
    {
        // Two pumps interleaved, 10 s apart, 60 minutes: 60 windows each.
        var rows = new List<string>();
        for (var i = 0; i < 360; i++)
        {
            foreach (var pump in new[] { "P-1", "P-2" })
            {
                rows.Add(string.Create(C, $"{At(i)},{pump},{Temperature(i) + (pump == "P-2" ? 3 : 0):0.000},{Vibration(i):0.000}"));
            }
        }

        const string header = "timestamp,pump_id,temperature,vibration";
        File.WriteAllLines(_cli.PathOf("up.csv"), [header, .. rows]);
        rows.Reverse();
        File.WriteAllLines(_cli.PathOf("down.csv"), [header, .. rows]);
        string[] layout = ["--time-format", TimeFormat, "--train-rows", "180"];
        var up = _cli.Run(["backtest", "up.csv", .. layout, "--out", "up"]);
        var down = _cli.Run(["backtest", "down.csv", .. layout, "--out", "down"]);
        Assert.True(up.Code == 0, up.Err + up.Out);
        Assert.True(down.Code == 0, down.Err + down.Out);
        Assert.Contains("newest first", down.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("newest first", up.Err, StringComparison.Ordinal);

        Assert.Equal(0, Count(_cli.PathOf("down/backtest.duckdb"), "SELECT count(*) FROM quarantine"));
        Assert.Equal(2 * 60, Count(_cli.PathOf("down/backtest.duckdb"), "SELECT count(*) FROM windows"));
        var upPredictions = File.ReadAllLines(_cli.PathOf("up/predictions.csv")).Order(StringComparer.Ordinal).ToList();
        var downPredictions = File.ReadAllLines(_cli.PathOf("down/predictions.csv")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(upPredictions, downPredictions);
    }

    [Fact]
    public void SamplingIntervalCloseToTheWindow_Warns_NamingBoth()
    {
        var lines = new List<string> { "timestamp,pump_id,vibration" };
        for (var i = 0; i < 120; i++)
        {
            lines.Add(string.Create(C, $"{At(i, secondsApart: 60)},P-1,{Vibration(i):0.000}"));
        }

        File.WriteAllLines(_cli.PathOf("minutely.csv"), lines);
        var result = _cli.Run("train", "minutely.csv", "--time-format", TimeFormat);
        Assert.True(result.Code == 0, result.Err);
        var warning = Assert.Single(result.Err.Split('\n'), l => l.Contains("readings per window", StringComparison.Ordinal));
        Assert.Contains("one reading every 00:01:00", warning, StringComparison.Ordinal);
        Assert.Contains("--window 00:01:00", warning, StringComparison.Ordinal);

        // Ten readings a window: no warning.
        var wide = _cli.Run("train", "minutely.csv", "--time-format", TimeFormat, "--window", "10m");
        Assert.DoesNotContain("readings per window", wide.Err, StringComparison.Ordinal);
    }
}
