using System.CommandLine;
using System.Globalization;
using PumpWatch.Cli.Training;
using PumpWatch.Cli.Input;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Commands;

/// <summary><c>pumpwatch train</c>: a model artifact from readings (windows and features) or, with --tabular, from a numeric CSV.</summary>
internal static class TrainCommand
{
    public static Command Create(TimeProvider time)
    {
        var common = new CommonOptions();
        var input = new Argument<string>("input") { Description = "Readings file (.jsonl, .csv) or, with --tabular, a numeric CSV" };
        var output = new Option<string>("--out", "-o") { Description = "Model file to write", DefaultValueFactory = _ => "model.json" };
        var tabular = new Option<bool>("--tabular") { Description = "Rows of a numeric CSV are the feature vectors" };
        var noHeader = new Option<bool>("--no-header") { Description = "Tabular CSV has no header row" };
        var ignore = new Option<string?>("--ignore") { Description = "Tabular columns to leave out, by name or 0-based index (comma-separated), e.g. a label column" };
        var from = new Option<string?>("--from") { Description = "Train on readings at or after this time (ISO-8601)" };
        var to = new Option<string?>("--to") { Description = "Train on readings before this time (ISO-8601)" };
        var pumps = new Option<string?>("--pumps") { Description = "Comma-separated pump ids to train on (default: all)" };
        var command = new Command("train", "Train an isolation-forest model and write its artifact") { input, output, tabular, noHeader, ignore, from, to, pumps };
        common.AddCsv(command);
        common.AddWindows(command);
        common.AddForest(command);
        command.SetAction((parse, cancel) => CliRun.Guard(async () =>
        {
            var path = parse.GetValue(input)!;
            var training = common.Training(parse);
            AnomalyModel model;
            string source;
            if (parse.GetValue(tabular))
            {
                var ignored = parse.GetValue(ignore)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
                var table = TabularCsv.Read(path, common.DelimiterOf(parse), !parse.GetValue(noHeader), ignored);
                model = AnomalyModel.Train(table.Rows, table.Names, training, time.GetUtcNow(), "tabular");
                source = $"{table.Count} rows x {table.Width} columns of {path}";
            }
            else
            {
                var fromMicros = CommonOptions.ParseTime(parse.GetValue(from), "--from") ?? long.MinValue;
                var toMicros = CommonOptions.ParseTime(parse.GetValue(to), "--to") ?? long.MaxValue;
                var pumpSet = parse.GetValue(pumps)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
                var csv = common.Csv(parse);
                var (options, modelFeatures) = common.ForInput(parse, path, csv);
                var collector = new TrainingCollector(options.Features, modelFeatures,
                    w => w.Start >= fromMicros && w.End <= toMicros && (pumpSet is null || pumpSet.Contains(w.PumpId)));
                var pipeline = new DetectionPipeline(options, collector);
                Replay.Run(ReadingFiles.Read(path, csv), pipeline, new Progress(Console.Error, time, "reading"), cancel);
                model = collector.Train(training, time.GetUtcNow());
                source = $"{collector.Windows} windows of {path} ({pipeline.Counters.Accepted} readings, {pipeline.Counters.Quarantined} quarantined)";
            }

            var outPath = parse.GetValue(output)!;
            await File.WriteAllTextAsync(outPath, ModelArtifact.ToJson(model), cancel).ConfigureAwait(false);
            Console.WriteLine($"Trained model {model.ModelId} on {source}.");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  features: {string.Join(", ", model.Features)}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  threshold {model.Threshold.Value:0.0000} ({model.Threshold.Method}{(model.Threshold.TargetFalseAlarmRate is { } r ? $" {r:0.###}" : "")}); training scores p50 {model.Training.ScoreQuantiles["p50"]:0.000}, p99 {model.Training.ScoreQuantiles["p99"]:0.000}, max {model.Training.ScoreQuantiles["max"]:0.000}"));
            Console.WriteLine($"  written to {outPath}");
            return 0;
        }));
        return command;
    }
}
