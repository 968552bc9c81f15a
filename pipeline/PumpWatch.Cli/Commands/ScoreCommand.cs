using System.CommandLine;
using System.Globalization;
using PumpWatch.Cli.Input;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Commands;

/// <summary>
/// <c>pumpwatch score</c>: applies a model per window of a readings file, or per row of a tabular CSV (input order).
/// The <c>score_samples</c> column follows scikit-learn: -s of the isolation forest, lower is more abnormal. For tabular rows
/// <c>anomaly_score</c> is s itself; for windows it is the score compared with the threshold (s raised by the training envelope).
/// </summary>
internal static class ScoreCommand
{
    public static Command Create(TimeProvider time)
    {
        var common = new CommonOptions();
        var input = new Argument<string>("input") { Description = "Readings file (.jsonl, .csv, .parquet) or, with --tabular, a numeric CSV" };
        var model = new Option<string>("--model", "-m") { Description = "Model artifact", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Scores CSV to write", DefaultValueFactory = _ => "scores.csv" };
        var tabular = new Option<bool>("--tabular") { Description = "Score every row of a numeric CSV" };
        var noHeader = new Option<bool>("--no-header") { Description = "Tabular CSV has no header row" };
        var ignore = new Option<string?>("--ignore") { Description = "Tabular columns to leave out, by name or 0-based index" };
        var command = new Command("score", "Score readings (per window) or tabular rows with a model; writes a CSV in scikit-learn's score_samples convention")
        {
            input, model, output, tabular, noHeader, ignore,
        };
        common.AddCsv(command);
        common.AddWindows(command);
        command.SetAction((parse, cancel) => CliRun.Guard(() =>
        {
            var path = parse.GetValue(input)!;
            var isTabular = parse.GetValue(tabular);

            // Flags first, files second: a wrong flag is reported before anything is read.
            if (isTabular)
            {
                CommonOptions.Refuse(parse, "does not apply with --tabular (rows are scored as they are, not as readings)", common.ReadingsOnly);
            }
            else
            {
                CommonOptions.Refuse(parse, "applies only with --tabular", [noHeader, ignore]);
            }

            // Flags first (both parse and check their values), files second.
            var options = common.Pipeline(parse);
            common.Csv(parse);
            var modelPath = parse.GetValue(model)!;
            var detector = ModelFiles.Load(modelPath);
            var csv = common.Csv(parse, model: detector);
            var outPath = parse.GetValue(output)!;
            var c = CultureInfo.InvariantCulture;
            long rows, flagged;
            var pumps = "";
            if (isTabular)
            {
                var ignored = parse.GetValue(ignore)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
                var delimiter = common.DelimiterOf(parse) ?? CsvReadingOptions.DefaultDelimiter(path, parse.GetValue(common.DecimalComma));
                OutputFile? file = null;
                try
                {
                    (rows, flagged) = TabularScores.Run(detector, path,
                        (chunkRows, chunk) => TabularCsv.Read(path, delimiter, parse.GetValue(common.DecimalComma), !parse.GetValue(noHeader), ignored, chunkRows, chunk),
                        () => (file = new OutputFile(outPath, bufferSize: 0)).Stream, cancel);
                    file!.Commit();
                }
                finally
                {
                    file?.Dispose();
                }
            }
            else
            {
                (options, _) = common.ForInput(parse, path, csv);
                options = common.ApplyModel(parse, options, detector, modelPath, Console.Out);
                using var file = new OutputFile(outPath);
                using (var writer = new StreamWriter(file.Stream, leaveOpen: true))
                {
                    var sink = new WindowCsvSink(writer);
                    var pipeline = new DetectionPipeline(options, sink);
                    try
                    {
                        pipeline.Model = detector;
                    }
                    catch (ModelMismatchException e)
                    {
                        throw new UserError($"{parse.GetValue(model)}: {e.Message}");
                    }

                    writer.WriteLine("pump_id,window_start,window_end,readings,score_samples,anomaly_score,threshold,predicted");
                    Replay.Run(ReadingFiles.Read(path, csv, Console.Error), pipeline, new Progress(Console.Error, time, "scoring"), Console.Error, cancel);
                    (rows, flagged) = (sink.Rows, sink.Flagged);
                    pumps = $" of {pipeline.Pumps.Count} pump{(pipeline.Pumps.Count == 1 ? "" : "s")}";
                }

                file.Commit();
            }

            Console.WriteLine($"Scored {rows} {(isTabular ? "rows" : "windows")}{pumps} with model {detector.ModelId}: {flagged} above threshold {detector.Threshold.Value.ToString("0.0000", c)}; written to {outPath}");
            return 0;
        }));
        return command;
    }

    private sealed class WindowCsvSink(TextWriter writer) : DetectionSink
    {
        public long Rows { get; private set; }

        public long Flagged { get; private set; }

        public override void OnWindow(ScoredWindow w)
        {
            Rows++;
            Flagged += w.Exceeds ? 1 : 0;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{CsvText.Cell(w.PumpId)},{EventTime.Format(w.Start)},{EventTime.Format(w.End)},{w.Count},{-w.IsolationScore:R},{w.Score:R},{w.Threshold:R},{(w.Exceeds ? 1 : 0)}"));
        }
    }
}
