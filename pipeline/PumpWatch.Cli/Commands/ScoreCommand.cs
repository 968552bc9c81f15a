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
        command.SetAction((parse, cancel) => CliRun.Guard(async () =>
        {
            var path = parse.GetValue(input)!;

            // Flags first, files second: a wrong flag is reported before anything is read.
            var csv = common.Csv(parse);
            var options = common.Pipeline(parse);
            var detector = ModelFiles.Load(parse.GetValue(model)!);
            var outPath = parse.GetValue(output)!;
            await using var writer = new StreamWriter(outPath);
            var c = CultureInfo.InvariantCulture;
            long rows = 0, flagged = 0;
            if (parse.GetValue(tabular))
            {
                var ignored = parse.GetValue(ignore)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
                var table = TabularCsv.Read(path, common.DelimiterOf(parse), !parse.GetValue(noHeader), ignored);
                if (table.Width != detector.Features.Count)
                {
                    throw new UserError($"{path}: {table.Width} columns ({string.Join(", ", table.Names)}) but model {detector.ModelId} takes {detector.Features.Count} ({string.Join(", ", detector.Features)})");
                }

                await writer.WriteLineAsync("row,score_samples,anomaly_score,predicted").ConfigureAwait(false);
                for (var r = 0; r < table.Count; r++)
                {
                    var s = detector.Score(table.Rows.AsSpan(r * table.Width, table.Width));
                    var predicted = s > detector.Threshold.Value;
                    flagged += predicted ? 1 : 0;
                    await writer.WriteLineAsync(string.Create(c, $"{r},{-s:R},{s:R},{(predicted ? 1 : 0)}")).ConfigureAwait(false);
                    rows++;
                }
            }
            else
            {
                (options, _) = common.ForInput(parse, path, csv);
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

                await writer.WriteLineAsync("pump_id,window_start,window_end,readings,score_samples,anomaly_score,threshold,predicted").ConfigureAwait(false);
                Replay.Run(ReadingFiles.Read(path, csv), pipeline, new Progress(Console.Error, time, "scoring"), cancel);
                (rows, flagged) = (sink.Rows, sink.Flagged);
            }

            Console.WriteLine($"Scored {rows} {(parse.GetValue(tabular) ? "rows" : "windows")} with model {detector.ModelId}: {flagged} above threshold {detector.Threshold.Value.ToString("0.0000", c)}; written to {outPath}");
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
                $"{w.PumpId},{EventTime.Format(w.Start)},{EventTime.Format(w.End)},{w.Count},{-w.IsolationScore:R},{w.Score:R},{w.Threshold:R},{(w.Exceeds ? 1 : 0)}"));
        }
    }
}
