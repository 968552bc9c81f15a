using System.CommandLine;
using System.Globalization;
using PumpWatch.Core.Training;
using PumpWatch.Cli.Input;
using PumpWatch.Cli.Store;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Storage;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Commands;

/// <summary><c>pumpwatch train</c>: a model artifact from readings (windows and features) or, with --tabular, from a numeric CSV.</summary>
internal static class TrainCommand
{
    public static Command Create(TimeProvider time, Invocation invocation, TimestreamEnvironment timestream)
    {
        var common = new CommonOptions();
        var input = new Argument<string?>("input") { Description = $"Readings file (.jsonl, .csv, .parquet), {TimestreamInput.Form} (with --from and --to) or, with --tabular, a numeric CSV; omit it with --db", Arity = ArgumentArity.ZeroOrOne };
        var db = new Option<string?>("--db") { Description = "Train on the readings of this DuckDB store (e.g. a demo's) instead of a file" };
        var output = new Option<string>("--out", "-o") { Description = "Model file to write", DefaultValueFactory = _ => "model.json" };
        var tabular = new Option<bool>("--tabular") { Description = "Rows of a numeric CSV are the feature vectors" };
        var noHeader = new Option<bool>("--no-header") { Description = "Tabular CSV has no header row" };
        var ignore = new Option<string?>("--ignore") { Description = "Tabular columns to leave out, by name or 0-based index (comma-separated), e.g. a label column" };
        var from = new Option<string?>("--from") { Description = "Train on readings at or after this time (ISO-8601)" };
        var to = new Option<string?>("--to") { Description = "Train on readings before this time (ISO-8601)" };
        var pumps = new Option<string?>("--pumps") { Description = "Comma-separated pump ids to train on (default: all)" };
        var awsEndpoint = new Option<string?>("--aws-endpoint") { Description = "AWS endpoint URL for a local server, for a timestream:// input (overrides AWS_ENDPOINT_URL_TIMESTREAM_QUERY and AWS_ENDPOINT_URL)" };
        var command = new Command("train", "Train an isolation-forest model and write its artifact") { input, db, output, tabular, noHeader, ignore, from, to, pumps, awsEndpoint };
        common.AddCsv(command);
        common.AddWindows(command);
        common.AddForest(command);
        command.SetAction((parse, cancel) => CliRun.Guard(async () =>
        {
            var path = parse.GetValue(input);
            var store = parse.GetValue(db);
            if ((path is null) == (store is null))
            {
                throw new UserError("give either a readings file or --db STORE");
            }

            if (store is not null && parse.GetValue(tabular))
            {
                throw new UserError("--tabular reads a CSV file, not --db");
            }

            var fromTimestream = TimestreamInput.IsUrl(path);
            if (fromTimestream && parse.GetValue(tabular))
            {
                throw new UserError("--tabular reads a CSV file, not a timestream:// input");
            }

            if (!fromTimestream)
            {
                CommonOptions.Refuse(parse, "applies only to a timestream:// input", [awsEndpoint]);
            }

            if (parse.GetValue(tabular))
            {
                // The envelope raises window scores only; tabular scores are the forest's alone.
                CommonOptions.Refuse(parse, "does not apply with --tabular (rows are the feature vectors, not readings)",
                    [.. common.ReadingsOnly, from, to, pumps, common.EnvelopeSd, common.FalseAlertsPerPumpDay]);
            }
            else
            {
                CommonOptions.Refuse(parse, "applies only with --tabular", [noHeader, ignore]);
            }

            var training = common.Training(parse);
            AnomalyModel model;
            string source;
            string? withoutBaselines = null;
            if (parse.GetValue(tabular))
            {
                var ignored = parse.GetValue(ignore)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
                var table = TabularCsv.Read(path!, common.DelimiterOf(parse) ?? CsvReadingOptions.DefaultDelimiter(path!, parse.GetValue(common.DecimalComma)), parse.GetValue(common.DecimalComma), !parse.GetValue(noHeader), ignored);
                // A large table calibrates its threshold on a seeded sample of rows: the achieved false-alarm rate stays
                // within a few percent of the rate asked for, and scoring every row cost more than reading the file.
                model = AnomalyModel.Train(table.Rows, table.Names, training with { SampledCalibration = true }, time.GetUtcNow(), "tabular");
                source = $"{table.Count} rows x {table.Width} columns of {path}";
            }
            else
            {
                var fromMicros = CommonOptions.ParseTime(parse.GetValue(from), "--from");
                var toMicros = CommonOptions.ParseTime(parse.GetValue(to), "--to");
                var pumpSet = parse.GetValue(pumps)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(PumpIds.Normalize).ToHashSet(StringComparer.Ordinal);
                var query = new StoreQuery(fromMicros, toMicros, pumpSet);
                if (fromTimestream && (fromMicros is null || toMicros is null))
                {
                    // Timestream bills a query by the data it scans: a range bounds what a training run costs.
                    throw new UserError($"{path}: a timestream:// input needs --from and --to");
                }

                var csv = common.Csv(parse);
                var (options, modelFeatures) = path is null ? (common.Pipeline(parse), FeatureSet.ModelDefault) : common.ForInput(parse, path, csv);
                var collector = new TrainingCollector(options.Features, modelFeatures,
                    w => query.Includes(w.PumpId, w.Start) && (toMicros is null || w.End <= toMicros));
                var pipeline = new DetectionPipeline(options, collector);
                var progress = new Progress(Console.Error, time, "reading");
                if (store is not null)
                {
                    if (!File.Exists(store))
                    {
                        throw new UserError($"{store}: no such store (run '{invocation.Command("demo")}' or give another --db)");
                    }

                    using var stored = new DuckDbStore(store, options.Features.Names);
                    Replay.Run(stored.Readings(query).Select(r => new InputRecord(default, r, null, 0)), pipeline, progress, Console.Error, cancel);
                }
                else if (fromTimestream)
                {
                    using var readings = TimestreamInput.Open(path!, parse.GetValue(awsEndpoint), timestream);
                    Replay.Run(readings.Read(query), pipeline, progress, Console.Error, cancel);
                }
                else
                {
                    Replay.Run(ReadingFiles.Read(path!, csv, Console.Error), pipeline, progress, Console.Error, cancel);
                }

                // A pump asked for and never seen is a typo or the wrong file: training on the others would look fine.
                var seen = pipeline.KnownPumps.ToHashSet(StringComparer.Ordinal);
                if (pumpSet?.Where(p => !seen.Contains(p)).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } missing)
                {
                    var known = seen.Order(StringComparer.Ordinal).ToList();
                    throw new UserError($"--pumps: {string.Join(", ", missing)} not in {path ?? store} (pumps: {string.Join(", ", known.Take(10))}{(known.Count > 10 ? ", ..." : "")})");
                }

                model = collector.Train(training, time.GetUtcNow()).WithInput(common.ModelInputOf(parse, options));
                withoutBaselines = collector.WithoutBaselines(training);
                source = $"{collector.Windows} windows of {path ?? store} ({pipeline.Counters.Accepted} readings from {pipeline.Pumps.Count} pump{(pipeline.Pumps.Count == 1 ? "" : "s")}, {pipeline.Counters.Quarantined} quarantined)";
            }

            var outPath = parse.GetValue(output)!;
            using (var file = new OutputFile(outPath))
            {
                await file.Stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(ModelArtifact.ToJson(model)), cancel).ConfigureAwait(false);
                file.Commit();
            }

            Console.WriteLine($"Trained model {model.ModelId} on {source}.");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  features: {string.Join(", ", model.Features)}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  threshold {model.Threshold.Value:0.0000} ({model.Threshold.Method}{(model.Threshold.TargetFalseAlarmRate is { } r ? $" {r:0.###}" : "")}); training scores p50 {model.Training.ScoreQuantiles["p50"]:0.000}, p99 {model.Training.ScoreQuantiles["p99"]:0.000}, max {model.Training.ScoreQuantiles["max"]:0.000}"));
            if (model.Calibration is { } c)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  alert budget {c.BudgetPerPumpDay:0.###} false alerts per pump-day: {c.K} of {c.N} windows above {c.Threshold:0.0000}; {c.CalibrationAlerts} alerts in {c.CalibrationPumpDays:0.#} held-out healthy pump-days, expected {c.ExpectedPerPumpDay:0.###} per pump-day"));
            }

            if (model.Baselines is { } b)
            {
                Console.WriteLine($"  per-pump baselines for {b.Pumps.Count} pump(s) (others are judged against the fleet's)");
            }
            else if (withoutBaselines is not null)
            {
                Console.WriteLine(TrainingNotes.WithoutBaselines(withoutBaselines));
            }

            Console.WriteLine($"  written to {outPath}");
            return 0;
        }));
        return command;
    }
}
