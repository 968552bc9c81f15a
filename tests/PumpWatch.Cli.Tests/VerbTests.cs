using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using PumpWatch.Simulator;
using PumpWatch.Testing;

namespace PumpWatch.Cli.Tests;

public sealed class VerbTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly CliProcess _cli = new();

    public void Dispose() => _cli.Dispose();

    private static long Count(string db, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={db};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Demo_DetectsAnInjectedFault_AndFillsTheStore()
    {
        var (code, output, error) = _cli.Run("demo", "--pumps", "3", "--duration", "06:00:00", "--warmup", "02:00:00", "--speed", "0",
            "--seed", "1", "--db", "demo.duckdb", "--summary-json", "summary.json");
        Assert.True(code == 0, error);
        Assert.Contains("Trained model if-", output, StringComparison.Ordinal);
        // --seed seeds the forest too: the saved model records the seed given on the command line.
        var model = JsonDocument.Parse(File.ReadAllText(_cli.PathOf("demo.model.json"))).RootElement;
        Assert.Equal(1, model.GetProperty("forest").GetProperty("seed").GetInt32());
        var summary = JsonDocument.Parse(File.ReadAllText(_cli.PathOf("summary.json"))).RootElement;
        Assert.Contains(summary.GetProperty("faults").EnumerateArray(), f => f.GetProperty("detected").GetBoolean());

        // The default schedule's faults per kind: two pump faults ramping over 15% of the run, a sensor fault at once.
        var byKind = summary.GetProperty("by_kind").EnumerateArray().ToList();
        Assert.Equal(summary.GetProperty("faults").GetArrayLength(), byKind.Sum(r => r.GetProperty("faults").GetInt32()));
        Assert.All(byKind, r => Assert.Equal(r.GetProperty("kind").GetString()!.StartsWith("sensor_", StringComparison.Ordinal) ? "abrupt" : "gradual", r.GetProperty("onset").GetString()));
        var db = _cli.PathOf("demo.duckdb");
        Assert.Equal(3L * 6 * 3600, Count(db, "SELECT count(*) FROM readings") + Count(db, "SELECT count(*) FROM quarantine"));
        Assert.Equal(3L * 6 * 60, Count(db, "SELECT count(*) FROM windows"));
        Assert.True(Count(db, "SELECT count(*) FROM alerts WHERE event = 'opened'") >= 1);

        var query = _cli.Run("query", "--db", "demo.duckdb", "SELECT count(*) AS n FROM windows WHERE score IS NOT NULL");
        Assert.Equal(0, query.Code);
        Assert.Contains("(1 row)", query.Out, StringComparison.Ordinal);

        // CSV and JSON lines, times as ISO-8601 UTC: the first window of the run ends one minute after its start.
        var csv = _cli.Run("query", "--db", "demo.duckdb", "--format", "csv", "SELECT pump_id, window_end, \"vibration.mean\" > 0 AS ok FROM windows ORDER BY window_end, pump_id LIMIT 1");
        Assert.True(csv.Code == 0, csv.Err);
        Assert.Equal(["pump_id,window_end,ok", "1,2026-05-01T00:01:00.000000Z,true"], csv.Out.Trim().Split('\n'));
        var json = _cli.Run("query", "--db", "demo.duckdb", "--format", "json", "SELECT pump_id, readings FROM windows ORDER BY window_end, pump_id LIMIT 1");
        Assert.True(json.Code == 0, json.Err);
        var row = JsonDocument.Parse(json.Out.Trim()).RootElement;
        Assert.Equal("1", row.GetProperty("pump_id").GetString());
        Assert.Equal(60, row.GetProperty("readings").GetInt32());

        // Train again from the store: pump 1's first hour is 60 one-minute windows.
        var fromStore = _cli.Run("train", "--db", "demo.duckdb", "--pumps", "1", "--to", "2026-05-01T01:00:00Z", "--out", "again.json");
        Assert.True(fromStore.Code == 0, fromStore.Err);
        Assert.Contains("on 60 windows of demo.duckdb", fromStore.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_NaturalKey_SortsNumbersInPumpIdsByValue()
    {
        using (var connection = new DuckDBConnection($"Data Source={_cli.PathOf("ids.duckdb")}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t(pump_id VARCHAR); INSERT INTO t VALUES ('P-10'), ('10'), ('P-2'), ('9'), ('P-1'), ('P-1b')";
            command.ExecuteNonQuery();
        }

        var result = _cli.Run("query", "--db", "ids.duckdb", "--format", "csv", "SELECT pump_id FROM t ORDER BY natural_key(pump_id)");
        Assert.True(result.Code == 0, result.Err);
        // Written out by hand: digits before letters ('0' < 'P'), and within P- the numbers by value.
        Assert.Equal(["pump_id", "9", "10", "P-1", "P-1b", "P-2", "P-10"], result.Out.Trim().Split('\n'));
    }

    [Fact]
    public void Demo_CtrlC_StopsFlushesAndStillSummarises()
    {
        // Under coreutils' timeout, as the other Ctrl+C tests run: it relays SIGINT, and the demo starts with SIGINT at its
        // default. Started directly, the demo inherits the test host's disposition, and where CI's shell runs the tests
        // with SIGINT ignored (a background job) .NET keeps it ignored: the demo ran its 96 s to the end (seen in CI).
        using var demo = _cli.StartBounded(TimeSpan.FromMinutes(5), "demo", "--pumps", "2", "--speed", "300", "--db", "stop.duckdb", "--summary-json", "stop.json");
        // Standard error is read as it comes (a full pipe would block the demo) and shown if an assertion fails.
        var errors = new System.Text.StringBuilder();
        demo.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        demo.BeginErrorReadLine();
        // Wait until it has streamed readings (its first status line: every 10 s when output is redirected), then send
        // SIGINT as a terminal's Ctrl+C would. A fixed pause after the Store line failed CI once on a loaded machine.
        string? line;
        while ((line = demo.StandardOutput.ReadLine()) is not null && !line.Contains("readings/s", StringComparison.Ordinal))
        {
        }

        Assert.NotNull(line);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", demo.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        var rest = demo.StandardOutput.ReadToEnd();
        Assert.True(demo.WaitForExit(60_000), "the demo did not stop after Ctrl+C");
        demo.WaitForExit();
        string Seen()
        {
            lock (errors)
            {
                return $"exit {demo.ExitCode}; output after the signal:\n{rest}\nstandard error:\n{errors}";
            }
        }

        Assert.True(demo.ExitCode == 0, Seen());
        Assert.True(rest.Contains("Stopped (Ctrl+C)", StringComparison.Ordinal), Seen());
        Assert.True(rest.Contains("Summary:", StringComparison.Ordinal), Seen());
        Assert.True(File.Exists(_cli.PathOf("stop.json")));
        Assert.True(Count(_cli.PathOf("stop.duckdb"), "SELECT count(*) FROM readings") > 0);
    }

    [SharedDataFact]
    public void TrainAndScore_Tabular_OnOdds_KeepsRowOrderAndTheScoreSamplesSign()
    {
        var data = SharedData("mammography.csv");
        var train = _cli.Run("train", data, "--tabular", "--no-header", "--ignore", "6", "--out", "model.json", "--false-alarm-rate", "0.05");
        Assert.True(train.Code == 0, train.Err);
        var score = _cli.Run("score", data, "--tabular", "--no-header", "--ignore", "6", "--model", "model.json", "--out", "scores.csv");
        Assert.True(score.Code == 0, score.Err);
        var lines = File.ReadAllLines(_cli.PathOf("scores.csv"));
        Assert.Equal("row,score_samples,anomaly_score,predicted", lines[0]);
        Assert.Equal(11_183, lines.Length - 1);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(rows, r => Assert.Equal(-double.Parse(r[2], CultureInfo.InvariantCulture), double.Parse(r[1], CultureInfo.InvariantCulture)));
        Assert.Equal(Enumerable.Range(0, 11_183).Select(i => i.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r[0]));
    }

    [Fact]
    public void TrainScoreAndBacktest_OnSimulatedReadings_FindTheLabelledFaults()
    {
        var simulator = new PumpSimulator(new SimulatorOptions(3, TimeSpan.FromSeconds(1), Start, TimeSpan.FromHours(6), 4, 0.001));
        File.WriteAllLines(_cli.PathOf("readings.jsonl"), simulator.Generate().Select(r => r.ToLine()));
        File.WriteAllLines(_cli.PathOf("labels.csv"), [FaultSpec.LabelsHeader, .. simulator.Faults.Select(f => f.ToLabelLine())]);

        var train = _cli.Run("train", "readings.jsonl", "--to", "2026-05-01T02:00:00Z", "--out", "model.json");
        Assert.True(train.Code == 0, train.Err);
        Assert.Contains("Trained model if-", train.Out, StringComparison.Ordinal);
        // Two hours are too short for per-pump baselines (12 h to fit / 0.75, the last quarter held out: 16 h), and it says so.
        const string Fallback = "no per-pump baselines or alert budget: the training windows span 2 h and baselines need 16 h";
        Assert.Contains(Fallback, train.Out, StringComparison.Ordinal);

        var score = _cli.Run("score", "readings.jsonl", "--model", "model.json", "--out", "windows.csv");
        Assert.True(score.Code == 0, score.Err);
        Assert.Equal(1 + (3 * 6 * 60), File.ReadAllLines(_cli.PathOf("windows.csv")).Length);

        var backtest = _cli.Run("backtest", "readings.jsonl", "--train-to", "2026-05-01T02:00:00Z", "--labels", "labels.csv", "--out", "bt");
        Assert.True(backtest.Code == 0, backtest.Err);
        Assert.Contains(Fallback, backtest.Out, StringComparison.Ordinal);
        var metrics = JsonDocument.Parse(File.ReadAllText(_cli.PathOf("bt/metrics.json"))).RootElement;
        Assert.Equal(simulator.Faults.Count, metrics.GetProperty("events").GetInt32());
        Assert.True(metrics.GetProperty("events_detected").GetInt32() >= 1, backtest.Out);
        var predictions = File.ReadAllLines(_cli.PathOf("bt/predictions.csv"));
        Assert.Equal("pump_id,window_start,window_end,readings,anomaly_score,threshold,predicted,label", predictions[0]);
        Assert.Contains(predictions, p => p.EndsWith(",1", StringComparison.Ordinal));
        Assert.True(Count(_cli.PathOf("bt/backtest.duckdb"), "SELECT count(*) FROM quarantine") >= 1);
    }

    [Fact]
    public void Backtest_JsonLinesTrainRows_TrainsOnTheFirstRowsOfEachPumpAndScoresTheRest()
    {
        // Pump 2 starts reporting an hour after pump 1: the first 3600 readings of each pump end at different times.
        var early = new PumpSimulator(new SimulatorOptions(1, TimeSpan.FromSeconds(1), Start, TimeSpan.FromHours(3), 2, 0, [])).Generate();
        var late = new PumpSimulator(new SimulatorOptions(1, TimeSpan.FromSeconds(1), Start.AddHours(1), TimeSpan.FromHours(2), 3, 0, [])).Generate()
            .Select(r => r with { Reading = r.Reading with { PumpId = "2" } });
        File.WriteAllLines(_cli.PathOf("two.jsonl"), early.Concat(late).OrderBy(r => r.Reading.Timestamp).Select(r => r.ToLine()));

        var result = _cli.Run("backtest", "two.jsonl", "--train-rows", "3600", "--out", "bt");
        Assert.True(result.Code == 0, result.Err + result.Out);
        Assert.Contains("on 120 windows", result.Out, StringComparison.Ordinal); // 60 training windows per pump
        var predictions = File.ReadAllLines(_cli.PathOf("bt/predictions.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(120 + 60, predictions.Count); // pump 1: hours 2-3, pump 2: hour 3 (windows after its own training rows)
        Assert.Equal(60, predictions.Count(p => p[0] == "2"));
        Assert.All(predictions.Where(p => p[0] == "2"), p => Assert.True(string.CompareOrdinal(p[2], "2026-05-01T02:01") >= 0, p[2]));
    }

    [Fact]
    public void Backtest_CsvWithLabelColumnAndPerReadingHop_GivesOneScorePerReading()
    {
        var lines = new List<string> { "time;value;label" };
        var rng = new MathNet.Numerics.Random.MersenneTwister(3);
        for (var i = 0; i < 600; i++)
        {
            var anomalous = i is >= 500 and < 520;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{1_777_593_600 + i};{(anomalous ? 9.0 : rng.NextDouble()):0.000};{(anomalous ? 1 : 0)}"));
        }

        File.WriteAllLines(_cli.PathOf("series.csv"), lines);
        var result = _cli.Run("backtest", "series.csv", "--delimiter", ";", "--time-column", "time", "--time-format", "epoch_s", "--pump", "P1",
            "--sensors", "value", "--label-column", "label", "--window", "00:00:10", "--hop", "reading", "--train-rows", "300", "--cooldown", "00:00:30", "--out", "bt");
        Assert.True(result.Code == 0, result.Err + result.Out);
        var predictions = File.ReadAllLines(_cli.PathOf("bt/predictions.csv")).Skip(1).ToList();
        Assert.Equal(300, predictions.Count); // the 300 readings after the training rows, one window each
        var metrics = JsonDocument.Parse(File.ReadAllText(_cli.PathOf("bt/metrics.json"))).RootElement;
        Assert.True(metrics.GetProperty("events_detected").GetInt32() == 1, result.Out + File.ReadAllText(_cli.PathOf("bt/alerts.jsonl")));

        // Each prediction is its own reading's: the reading's time and label (readings 500..519 are labelled, nothing after).
        var expectedTimes = Enumerable.Range(300, 300).Select(i => DateTimeOffset.FromUnixTimeSeconds(1_777_593_600 + i).ToString("yyyy-MM-ddTHH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(expectedTimes, predictions.Select(p => p.Split(',')[1]).ToList());
        var labelled = predictions.Where(p => p.EndsWith(",1", StringComparison.Ordinal)).Select(p => p.Split(',')[1]).ToList();
        Assert.Equal(expectedTimes.GetRange(200, 20), labelled);
    }

    [Fact]
    public void Score_WithoutWindowFlags_UsesTheModelsWindows_AndOtherWindowsAreRefused()
    {
        var simulator = new PumpSimulator(new SimulatorOptions(2, TimeSpan.FromSeconds(1), Start, TimeSpan.FromHours(4), 5, 0, []));
        File.WriteAllLines(_cli.PathOf("r.jsonl"), simulator.Generate().Select(r => r.ToLine()));
        var train = _cli.Run("train", "r.jsonl", "--window", "15m", "--out", "m15.json");
        Assert.True(train.Code == 0, train.Err);
        Assert.Contains("from 2 pumps", train.Out, StringComparison.Ordinal);

        // Without --window, score applies the model's 15-minute windows: 2 pumps x 4 h / 15 min.
        var score = _cli.Run("score", "r.jsonl", "--model", "m15.json", "--out", "s.csv");
        Assert.True(score.Code == 0, score.Err);
        Assert.Contains("--window 15m", score.Out, StringComparison.Ordinal);
        Assert.Contains("windows of 2 pumps", score.Out, StringComparison.Ordinal);
        Assert.Equal(1 + (2 * 4 * 4), File.ReadAllLines(_cli.PathOf("s.csv")).Length);

        // With other windows given explicitly: one line naming both, no scores.
        var refused = _cli.Run("score", "r.jsonl", "--model", "m15.json", "--window", "1m", "--out", "s1.csv");
        Assert.Equal(2, refused.Code);
        Assert.Contains("--window 1m, but the model was trained on --window 15m", refused.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.PathOf("s1.csv")));
    }

    [Fact]
    public void Backtest_LabelsNamingAPumpNotInTheData_WarnsAndFails()
    {
        var simulator = new PumpSimulator(new SimulatorOptions(1, TimeSpan.FromSeconds(1), Start, TimeSpan.FromHours(2), 4, 0, []));
        File.WriteAllLines(_cli.PathOf("p.jsonl"), simulator.Generate().Select(r => (r with { Reading = r.Reading with { PumpId = "P-101" } }).ToLine()));
        File.WriteAllLines(_cli.PathOf("labels.csv"), ["pump_id,fault,start,end", "P101,bearing_wear,2026-05-01T01:30:00Z,2026-05-01T02:00:00Z"]);
        var result = _cli.Run("backtest", "p.jsonl", "--train-to", "2026-05-01T01:00:00Z", "--labels", "labels.csv", "--out", "bt");
        Assert.Equal(3, result.Code);
        Assert.Contains("'P101', which is not in the data (pumps: P-101)", result.Err, StringComparison.Ordinal);
        Assert.Contains("no label in labels.csv overlaps", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Backtest_WithoutLabels_PrintsNoPrecisionOrRecall()
    {
        var simulator = new PumpSimulator(new SimulatorOptions(1, TimeSpan.FromSeconds(1), Start, TimeSpan.FromHours(2), 4, 0, []));
        File.WriteAllLines(_cli.PathOf("p.jsonl"), simulator.Generate().Select(r => r.ToLine()));
        var result = _cli.Run("backtest", "p.jsonl", "--train-to", "2026-05-01T01:00:00Z", "--out", "bt");
        Assert.True(result.Code == 0, result.Err);
        Assert.DoesNotContain("  precision ", result.Out, StringComparison.Ordinal);
        Assert.Contains("no labels, so no precision or recall", result.Out, StringComparison.Ordinal);
        var metrics = JsonDocument.Parse(File.ReadAllText(_cli.PathOf("bt/metrics.json"))).RootElement;
        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("precision").ValueKind);
        Assert.False(metrics.GetProperty("labelled").GetBoolean());
    }

    [Fact]
    public void Parquet_ScoresExactlyAsTheSameDataInCsv()
    {
        var simulator = new PumpSimulator(new SimulatorOptions(2, TimeSpan.FromSeconds(1), Start, TimeSpan.FromHours(3), 6, 0, []));
        var lines = new List<string> { "timestamp,pump_id,temperature,pressure,flow_rate,vibration" };
        lines.AddRange(simulator.Generate().Select(r =>
        {
            var v = r.Reading.Values.ToDictionary(p => p.Key, p => p.Value);
            return string.Create(CultureInfo.InvariantCulture, $"{PumpWatch.Core.Readings.EventTime.Format(r.Reading.Timestamp)},{r.Reading.PumpId},{v["temperature"]},{v["pressure"]},{v["flow_rate"]},{v["vibration"]}");
        }));
        File.WriteAllLines(_cli.PathOf("r.csv"), lines);
        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"COPY (SELECT CAST(timestamp AS TIMESTAMP) AS timestamp, pump_id, temperature, pressure, flow_rate, vibration FROM read_csv('{_cli.PathOf("r.csv")}')) TO '{_cli.PathOf("r.parquet")}' (FORMAT parquet)";
            command.ExecuteNonQuery();
        }

        Assert.Equal(0, _cli.Run("train", "r.parquet", "--to", "2026-05-01T02:00:00Z", "--out", "m.json").Code);
        Assert.Equal(0, _cli.Run("score", "r.parquet", "--model", "m.json", "--out", "parquet.csv").Code);
        Assert.Equal(0, _cli.Run("score", "r.csv", "--model", "m.json", "--out", "csv.csv").Code);
        var parquet = File.ReadAllLines(_cli.PathOf("parquet.csv"));
        Assert.Equal(1 + (2 * 3 * 60), parquet.Length);
        Assert.Equal(File.ReadAllLines(_cli.PathOf("csv.csv")), parquet);
    }

    [Fact]
    public void Backtest_RenamedColumns_FeedTheTutorialSensors_AndTheDefaultModel()
    {
        // A historian export with its own column names, tab-separated, local time format; mapped onto the tutorial's sensors.
        var simulator = new PumpSimulator(new SimulatorOptions(1, TimeSpan.FromSeconds(1), Start, TimeSpan.FromHours(8), 8, 0,
            [new FaultSpec("1", FaultKind.BearingWear, Start.AddHours(6), TimeSpan.FromMinutes(30), Start.AddHours(8))]));
        var lines = new List<string> { "ts\tTT101\tPT101\tFT101\tVT101\tfault" };
        lines.AddRange(simulator.Generate().Select(r =>
        {
            var v = r.Reading.Values.ToDictionary(p => p.Key, p => p.Value);
            var faulty = r.Reading.Timestamp >= PumpWatch.Core.Readings.EventTime.FromDateTimeOffset(Start.AddHours(6)) ? 1 : 0;
            return string.Create(CultureInfo.InvariantCulture,
                $"{PumpWatch.Core.Readings.EventTime.ToDateTimeOffset(r.Reading.Timestamp):yyyy-MM-dd HH:mm:ss}\t{v["temperature"]}\t{v["pressure"]}\t{v["flow_rate"]}\t{v["vibration"]}\t{faulty}");
        }));
        File.WriteAllLines(_cli.PathOf("historian.tsv"), lines);

        var result = _cli.Run("backtest", "historian.tsv", "--time-column", "ts", "--time-format", "yyyy-MM-dd HH:mm:ss", "--pump", "P-101",
            "--sensors", "TT101=temperature,PT101=pressure,FT101=flow_rate,VT101=vibration", "--label-column", "fault",
            "--train-to", "2026-05-01T04:00:00Z", "--out", "bt");
        Assert.True(result.Code == 0, result.Err + result.Out);
        var metrics = JsonDocument.Parse(File.ReadAllText(_cli.PathOf("bt/metrics.json"))).RootElement;
        Assert.True(metrics.GetProperty("events_detected").GetInt32() == 1, result.Out);
        // The renamed columns arrive as the tutorial's sensors, so the store's sensor columns are filled.
        Assert.Equal(8L * 3600, Count(_cli.PathOf("bt/backtest.duckdb"), "SELECT count(vibration) FROM readings WHERE pump_id = 'P-101'"));
    }

    private static string SharedData(string name) => SharedDataFiles.Path("odds", name);
}
