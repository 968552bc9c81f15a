namespace PumpWatch.Cli.Tests;

public sealed class BadInputTests : IDisposable
{
    private readonly CliProcess _cli = new();

    public void Dispose() => _cli.Dispose();

    private void AssertOneLineError((int Code, string Out, string Err) result, params string[] expected)
    {
        Assert.NotEqual(0, result.Code);
        var line = Assert.Single(result.Err.Trim().Split('\n'));
        foreach (var e in expected)
        {
            Assert.Contains(e, line, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--window", "15")]
    [InlineData("--window", "15 minutes")]
    [InlineData("--hop", "30")]
    [InlineData("--window", "NaNs")]
    [InlineData("--hop", "NaNm")]
    public void DurationWithoutAUnit_IsRefused_NotReadAsDays(string flag, string value)
    {
        File.WriteAllLines(_cli.PathOf("r.jsonl"), ["{\"pump_id\": 1, \"timestamp\": \"2026-05-01T00:00:00\", \"vibration\": 1.5}"]);
        AssertOneLineError(_cli.Run("train", "r.jsonl", flag, value), flag, $"'{value}'", "15m");
    }

    [Fact]
    public void AlertFlags_OnAVerbThatRaisesNoAlerts_AreRefused() =>
        AssertOneLineError(_cli.Run("train", "r.jsonl", "--cooldown", "10m"), "--cooldown");

    [Fact]
    public void SensorRenameToAnUnknownName_IsRefusedWithTheKnownNames_UnlessItsUnitIsGiven()
    {
        File.WriteAllLines(_cli.PathOf("h.csv"), ["timestamp,TT101", "2026-05-01T00:00:00Z,70.5", "2026-05-01T00:00:01Z,70.6"]);
        AssertOneLineError(_cli.Run("train", "h.csv", "--pump", "P1", "--sensors", "TT101=temprature"),
            "'temprature' is not a known sensor", "temperature, pressure, flow_rate, vibration", "--sensor-range temprature=MIN:MAX:UNIT");
        var withUnit = _cli.Run("train", "h.csv", "--pump", "P1", "--sensors", "TT101=bearing_temp", "--sensor-range", "bearing_temp=-40:200:degC", "--window", "1s");
        Assert.DoesNotContain("not a known sensor", withUnit.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainPumps_NamingAPumpNotInTheData_IsRefused()
    {
        var lines = Enumerable.Range(0, 600).SelectMany(i => new[] { 1, 2 }.Select(p =>
            $"{{\"pump_id\": {p}, \"timestamp\": {1_777_593_600 + i}, \"vibration\": 1.5}}"));
        File.WriteAllLines(_cli.PathOf("two.jsonl"), lines);
        AssertOneLineError(_cli.Run("train", "two.jsonl", "--pumps", "1,9"), "--pumps: 9 not in", "(pumps: 1, 2)");
        Assert.Equal(0, _cli.Run("train", "two.jsonl", "--pumps", "01,2", "--out", "m.json").Code);
    }

    [Fact]
    public void EmptyOutputPathsAndAnEditedModel_AreOneLine()
    {
        File.WriteAllLines(_cli.PathOf("r.jsonl"), Enumerable.Range(0, 300).Select(i => $"{{\"pump_id\": 1, \"timestamp\": {1_777_593_600 + i}, \"vibration\": 1.5}}"));
        AssertOneLineError(_cli.Run("train", "r.jsonl", "--out", ""), "output file name is empty");
        AssertOneLineError(_cli.Run("backtest", "r.jsonl", "--train-rows", "100", "--out", ""), "--out needs a folder name");
        Assert.Equal(0, _cli.Run("train", "r.jsonl", "--window", "10s", "--out", "m.json").Code);
        var edited = File.ReadAllText(_cli.PathOf("m.json")).Replace("\"windowSeconds\":10", "\"windowSeconds\":1e300", StringComparison.Ordinal);
        Assert.Contains("1e300", edited, StringComparison.Ordinal);
        File.WriteAllText(_cli.PathOf("edited.json"), edited);
        AssertOneLineError(_cli.Run("score", "r.jsonl", "--model", "edited.json", "--out", "s.csv"), "edited.json");
    }

    [Fact]
    public void MissingFile_NamesIt() => AssertOneLineError(_cli.Run("train", "nope.jsonl"), "nope.jsonl", "no such file");

    [Fact]
    public void BadCsvLine_NamesFileLineAndColumn()
    {
        // Without --strict a text cell after the first data row is quarantined (CsvInputTests); with it, fatal.
        File.WriteAllLines(_cli.PathOf("bad.csv"), ["timestamp,pump_id,vibration", "2026-05-01T00:00:00Z,1,1.5", "2026-05-01T00:00:01Z,1,abc"]);
        AssertOneLineError(_cli.Run("train", "bad.csv", "--strict"), "bad.csv:3", "column 'vibration'", "'abc'");
    }

    [Fact]
    public void TextInTheFirstRowOfADefaultSensorColumn_IsFatal_SuggestingSensors()
    {
        // More likely a text column (a unit, a site) than a sensor's status: quarantining it on every row would hide that.
        File.WriteAllLines(_cli.PathOf("unit.csv"), ["timestamp,pump_id,unit,vibration", "2026-05-01T00:00:00Z,1,mm/s,1.5"]);
        AssertOneLineError(_cli.Run("train", "unit.csv"), "unit.csv:2", "column 'unit'", "'mm/s'", "--sensors");
    }

    [Fact]
    public void UnknownColumnAndBadTimeFormat_AreNamed()
    {
        File.WriteAllLines(_cli.PathOf("t.csv"), ["when,pump_id,vibration", "yesterday,1,1.5"]);
        AssertOneLineError(_cli.Run("train", "t.csv"), "no column 'timestamp'");
        AssertOneLineError(_cli.Run("train", "t.csv", "--time-column", "when"), "t.csv:2", "'yesterday'");
    }

    [Fact]
    public void NotParquet_IsNamed()
    {
        File.WriteAllText(_cli.PathOf("fake.parquet"), "this is not parquet");
        AssertOneLineError(_cli.Run("train", "fake.parquet"), "fake.parquet", "not a readable Parquet file");
        AssertOneLineError(_cli.Run("train", "readings.xlsx"), "readings.xlsx");
    }

    [Fact]
    public void EmptyInput_IsAnError()
    {
        File.WriteAllText(_cli.PathOf("empty.csv"), "");
        AssertOneLineError(_cli.Run("train", "empty.csv"), "empty.csv", "empty input");
    }

    [Fact]
    public void ModelWithOtherFeatures_IsRefused()
    {
        File.WriteAllLines(_cli.PathOf("tab.csv"), ["a,b", "1,2", "2,3", "3,4", "4,5"]);
        Assert.Equal(0, _cli.Run("train", "tab.csv", "--tabular", "--out", "tab.json").Code);
        File.WriteAllLines(_cli.PathOf("r.jsonl"), ["{\"pump_id\": 1, \"timestamp\": \"2026-05-01T00:00:00\", \"vibration\": 1.5}"]);
        AssertOneLineError(_cli.Run("score", "r.jsonl", "--model", "tab.json"), "tab.json", "feature");
        File.WriteAllText(_cli.PathOf("broken.json"), "{\"schema\": \"other/1\"}");
        AssertOneLineError(_cli.Run("score", "r.jsonl", "--model", "broken.json"), "broken.json", "other/1");
    }

    [Fact]
    public void BadFlagValues_FailWithoutAStackTrace()
    {
        AssertOneLineError(_cli.Run("demo", "--pumps", "0"), "--pumps 0");
        AssertOneLineError(_cli.Run("demo", "--bogus"), "--bogus", "pumpwatch demo --help");
        AssertOneLineError(_cli.Run("demo", "--pumps", "many"), "'many'", "--pumps", "an integer");
        AssertOneLineError(_cli.Run("frobnicate"), "'frobnicate'");
        AssertOneLineError(_cli.Run("score", "x.csv", "--model", "m.json", "--sensor-range", "vibration=9"), "--sensor-range 'vibration=9'");
        AssertOneLineError(_cli.Run("query", "--db", "missing.duckdb", "SELECT 1"), "missing.duckdb");
    }
}
