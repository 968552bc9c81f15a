using System.Globalization;
using System.Text;
using PumpWatch.Core.Forest;

namespace PumpWatch.Cli.Tests;

/// <summary><c>train --tabular</c> and <c>score --tabular</c> through the real command: scores, errors, refused options, output safety.</summary>
public sealed class TabularTests : IDisposable
{
    // The batch path sums the same path lengths in the same tree order as the single-row path, and the CSV carries
    // round-trip doubles, so the two agree to the last bit in practice; the tolerance only absorbs reassociation.
    private const double ScoreTolerance = 1e-12;

    // Past one parallel chunk (16,384 rows) and one scaling block (512), and not a multiple of the 8-row block.
    private const int ScoredRows = 16_384 + 512 + 13;

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private readonly CliProcess _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>Rows of three gauges, seeded; every 500th row pushed far out.</summary>
    private void WriteTable(string name, int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("temperature,pressure,vibration\n");
        for (var r = 0; r < rows; r++)
        {
            var far = r % 500 == 499 ? 40.0 : 0.0;
            text.Append(C, $"{60 + (5 * random.NextDouble()) + far:R},{120 + (10 * random.NextDouble()):R},{2 + random.NextDouble() + (far / 10):R}\n");
        }

        File.WriteAllText(_cli.PathOf(name), text.ToString());
    }

    private static void AssertOneLineError((int Code, string Out, string Err) result, params string[] expected)
    {
        Assert.Equal(2, result.Code);
        var line = Assert.Single(result.Err.Trim().Split('\n'));
        foreach (var e in expected)
        {
            Assert.Contains(e, line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Score_Tabular_EqualsTheModelsSingleRowScore_ForEveryRowInOrder()
    {
        WriteTable("train.csv", 2_000, seed: 1);
        WriteTable("score.csv", ScoredRows, seed: 2);
        var train = _cli.Run("train", "train.csv", "--tabular", "--out", "model.json");
        Assert.True(train.Code == 0, train.Err);
        var score = _cli.Run("score", "score.csv", "--tabular", "--model", "model.json", "--out", "scores.csv");
        Assert.True(score.Code == 0, score.Err);

        // Oracle: the single-row scorer, which is tested against a reference walk of the trees in the Core tests.
        var model = ModelArtifact.FromJson(File.ReadAllText(_cli.PathOf("model.json")));
        var input = File.ReadAllLines(_cli.PathOf("score.csv"));
        var output = File.ReadAllLines(_cli.PathOf("scores.csv"));
        Assert.Equal("row,score_samples,anomaly_score,predicted", output[0]);
        Assert.Equal(ScoredRows, output.Length - 1);
        var row = new double[3];
        for (var r = 0; r < ScoredRows; r++)
        {
            var cells = input[r + 1].Split(',');
            for (var f = 0; f < 3; f++)
            {
                row[f] = double.Parse(cells[f], C);
            }

            var expected = model.Score(row);
            var line = output[r + 1].Split(',');
            Assert.Equal(r, int.Parse(line[0], C));
            Assert.True(Math.Abs(-expected - double.Parse(line[1], C)) <= ScoreTolerance, $"row {r}: score_samples {line[1]}, expected {-expected:R}");
            Assert.True(Math.Abs(expected - double.Parse(line[2], C)) <= ScoreTolerance, $"row {r}: anomaly_score {line[2]}, expected {expected:R}");
            Assert.Equal(expected > model.Threshold.Value ? "1" : "0", line[3]);
        }
    }

    [Fact]
    public void Score_Tabular_BadCellOrShortLine_NamesFileLineAndColumn()
    {
        WriteTable("train.csv", 300, seed: 3);
        Assert.Equal(0, _cli.Run("train", "train.csv", "--tabular", "--out", "model.json").Code);
        File.WriteAllText(_cli.PathOf("bad.csv"), "temperature,pressure,vibration\r\n# a comment\r\n61,120,2.5\r\n\r\n62,12O,2.4\r\n");
        AssertOneLineError(_cli.Run("score", "bad.csv", "--tabular", "--model", "model.json"),
            "bad.csv:5:", "column 2 ('pressure')", "'12O' is not a number");
        File.WriteAllText(_cli.PathOf("short.csv"), "temperature,pressure,vibration\n61,120,2.5\n62,x\n");
        AssertOneLineError(_cli.Run("score", "short.csv", "--tabular", "--model", "model.json"), "short.csv:3:", "2 columns, expected 3");
        File.WriteAllText(_cli.PathOf("header.csv"), "temperature,pressure,vibration\n");
        AssertOneLineError(_cli.Run("score", "header.csv", "--tabular", "--model", "model.json"), "header.csv", "no data rows");
        AssertOneLineError(_cli.Run("train", "nope.csv", "--tabular"), "nope.csv", "no such file");
    }

    [Fact]
    public void Tabular_OptionThatDoesNotApply_IsRefusedByName()
    {
        WriteTable("t.csv", 300, seed: 4);
        AssertOneLineError(_cli.Run("train", "t.csv", "--tabular", "--window", "00:05:00"), "--window", "--tabular");
        AssertOneLineError(_cli.Run("train", "t.csv", "--tabular", "--from", "2026-05-01T00:00:00Z"), "--from");
        Assert.Equal(0, _cli.Run("train", "t.csv", "--tabular", "--trees", "10", "--out", "model.json").Code);
        AssertOneLineError(_cli.Run("score", "t.csv", "--tabular", "--model", "model.json", "--time-column", "when"), "--time-column", "--tabular");
        AssertOneLineError(_cli.Run("score", "t.csv", "--tabular", "--model", "model.json", "--sensor-range", "vibration=0:50"), "--sensor-range");
        AssertOneLineError(_cli.Run("score", "t.csv", "--model", "model.json", "--no-header"), "--no-header", "only with --tabular");
        Assert.False(File.Exists(_cli.PathOf("scores.csv")));
    }

    [Fact]
    public void FailedScoreOrTrain_KeepsTheEarlierGoodOutput_AndLeavesNoTemporaryFile()
    {
        WriteTable("t.csv", 300, seed: 5);
        Assert.Equal(0, _cli.Run("train", "t.csv", "--tabular", "--out", "model.json").Code);
        Assert.Equal(0, _cli.Run("score", "t.csv", "--tabular", "--model", "model.json", "--out", "scores.csv").Code);
        var goodScores = File.ReadAllText(_cli.PathOf("scores.csv"));
        var goodModel = File.ReadAllText(_cli.PathOf("model.json"));
        File.WriteAllText(_cli.PathOf("bad.csv"), "temperature,pressure,vibration\n61,120,2.5\n62,oops,2.4\n");
        File.WriteAllText(_cli.PathOf("empty.csv"), "temperature,pressure,vibration\n");

        AssertOneLineError(_cli.Run("score", "bad.csv", "--tabular", "--model", "model.json", "--out", "scores.csv"), "bad.csv:3:");
        AssertOneLineError(_cli.Run("score", "empty.csv", "--tabular", "--model", "model.json", "--out", "scores.csv"), "no data rows");
        AssertOneLineError(_cli.Run("train", "bad.csv", "--tabular", "--out", "model.json"), "bad.csv:3:");

        // A bad row past the first chunk of 16,384: rows before it are already being scored and written when it is read.
        WriteTable("late.csv", ScoredRows, seed: 6);
        File.AppendAllText(_cli.PathOf("late.csv"), "62,oops,2.4\n");
        AssertOneLineError(_cli.Run("score", "late.csv", "--tabular", "--model", "model.json", "--out", "scores.csv"),
            $"late.csv:{ScoredRows + 2}:", "column 2 ('pressure')");

        // Readings scored with a tabular model fail after the output was opened: the temporary file goes, the old one stays.
        File.WriteAllLines(_cli.PathOf("r.jsonl"), ["{\"pump_id\": 1, \"timestamp\": \"2026-05-01T00:00:00Z\", \"vibration\": 1.5}"]);
        AssertOneLineError(_cli.Run("score", "r.jsonl", "--model", "model.json", "--out", "scores.csv"), "model.json");

        Assert.Equal(goodScores, File.ReadAllText(_cli.PathOf("scores.csv")));
        Assert.Equal(goodModel, File.ReadAllText(_cli.PathOf("model.json")));
        Assert.Empty(Directory.GetFiles(_cli.Folder, "*.tmp"));
    }
}
