using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PumpWatch.Cli.Alerts;
using PumpWatch.Cli.Backtest;
using PumpWatch.Cli.Evaluation;
using PumpWatch.Core.Training;
using PumpWatch.Cli.Input;
using PumpWatch.Cli.Report;
using PumpWatch.Cli.Store;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Evaluation;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Commands;

/// <summary>
/// <c>pumpwatch backtest</c>: replays a historic readings file through the same pipeline in event time, as fast as
/// the machine allows, and measures the detector against labels.
/// </summary>
internal static class BacktestCommand
{
    public static Command Create(TimeProvider time, AlertSinkEnvironment sinks, TimestreamEnvironment timestream)
    {
        var common = new CommonOptions();
        var alerting = new AlertOptions();
        var input = new Argument<string>("input") { Description = $"Readings file (.jsonl, .csv, .parquet) or {TimestreamInput.Form} (with --from and --to)" };
        var from = new Option<string?>("--from") { Description = "With a timestream:// input: replay readings at or after this time (ISO-8601)" };
        var to = new Option<string?>("--to") { Description = "With a timestream:// input: replay readings before this time (ISO-8601)" };
        var model = new Option<string?>("--model", "-m") { Description = "Score with this model instead of training one" };
        var trainRows = new Option<int?>("--train-rows") { Description = "Train on the first N readings of each pump" };
        var trainFrom = new Option<string?>("--train-from") { Description = "Train on windows from this time (ISO-8601)" };
        var trainTo = new Option<string?>("--train-to") { Description = "... up to this time" };
        var labels = new Option<string?>("--labels") { Description = "Labels file of intervals (pump_id,fault,start,end: the simulator's format)" };
        var labelColumn = new Option<string?>("--label-column") { Description = "CSV column whose non-zero values mark anomalous readings" };
        var reportFile = new Option<string?>("--report") { Description = "Also write a self-contained HTML report (metrics, confusion, faults by kind, score timelines) to this file" };
        var outDir = new Option<string>("--out", "-o") { Description = "Folder for predictions.csv, metrics.json, alerts.jsonl, backtest.duckdb", DefaultValueFactory = _ => "backtest-out" };
        var command = new Command("backtest", "Replay history through the detector and measure it against labels")
        {
            input, from, to, model, trainRows, trainFrom, trainTo, labels, labelColumn, outDir, reportFile,
        };
        common.AddCsv(command);
        common.AddWindows(command);
        common.AddForest(command);
        alerting.AddTo(command);
        command.SetAction((parse, cancel) => CliRun.Guard(async () =>
        {
            var path = parse.GetValue(input)!;
            var rows = parse.GetValue(trainRows);
            var fromMicros = CommonOptions.ParseTime(parse.GetValue(trainFrom), "--train-from");
            var toMicros = CommonOptions.ParseTime(parse.GetValue(trainTo), "--train-to");
            var modelPath = parse.GetValue(model);
            var fromTimestream = TimestreamInput.IsUrl(path);
            var range = new Core.Storage.StoreQuery(CommonOptions.ParseTime(parse.GetValue(from), "--from"), CommonOptions.ParseTime(parse.GetValue(to), "--to"));
            if (!fromTimestream)
            {
                CommonOptions.Refuse(parse, "applies only to a timestream:// input", [from, to]);
            }
            else if (range.From is null || range.To is null)
            {
                // Timestream bills a query by the data it scans; a backtest reads the range twice (training, then replay).
                throw new UserError($"{path}: a timestream:// input needs --from and --to");
            }

            // Flags first (both parse and check their values), files second.
            common.Pipeline(parse);
            common.Csv(parse, parse.GetValue(labelColumn));
            var delivery = alerting.Delivery(parse);
            using var sinkFactory = new AlertSinkFactory(sinks);
            sinkFactory.Check(delivery);
            var given = modelPath is null ? null : ModelFiles.Load(modelPath);
            var csv = common.Csv(parse, parse.GetValue(labelColumn), given);
            var (options, modelFeatures) = common.ForInput(parse, path, csv, alerting);
            using var timestreamSource = fromTimestream ? TimestreamInput.Open(path, parse.GetValue(alerting.AwsEndpoint), timestream) : null;
            IEnumerable<InputRecord> Records(TextWriter notices) => timestreamSource?.Read(range) ?? ReadingFiles.Read(path, csv, notices);
            if (given is not null)
            {
                options = common.ApplyModel(parse, options, given, modelPath!, Console.Out);
            }

            if ((modelPath is null ? 0 : 1) + (rows is null ? 0 : 1) + (fromMicros is null && toMicros is null ? 0 : 1) != 1)
            {
                throw new UserError("give exactly one of --model, --train-rows, or --train-from/--train-to");
            }

            if (rows is < 2)
            {
                throw new UserError($"--train-rows {rows} must be at least 2");
            }

            if (parse.GetValue(labels) is not null && csv.LabelColumn is not null)
            {
                throw new UserError("give --labels or --label-column, not both");
            }

            // The labels file is checked before anything long runs: a typo there should not cost a training run.
            var labelsPath = parse.GetValue(labels);
            var fixedTruth = labelsPath is null ? null : LabelIntervals.FromFile(labelsPath);
            var labelled = fixedTruth is not null || csv.LabelColumn is not null;

            var wall = time.GetTimestamp();
            AnomalyModel detector;
            Func<string, long, long, bool> inTraining;
            if (modelPath is not null)
            {
                detector = given!;
                inTraining = (_, _, _) => false;
            }
            else
            {
                string? withoutBaselines;
                (detector, inTraining, withoutBaselines) = Train(Records, options, modelFeatures, common.Training(parse), rows, fromMicros, toMicros, time, cancel);
                detector = detector.WithInput(common.ModelInputOf(parse, options));
                Console.WriteLine($"Trained model {detector.ModelId} on {detector.Training.Rows} windows (threshold {detector.Threshold.Value.ToString("0.0000", CultureInfo.InvariantCulture)}).");
                if (withoutBaselines is not null)
                {
                    Console.WriteLine(TrainingNotes.WithoutBaselines(withoutBaselines));
                }
            }

            var dir = parse.GetValue(outDir)!;
            if (string.IsNullOrWhiteSpace(dir))
            {
                throw new UserError("--out needs a folder name");
            }

            if (parse.GetValue(reportFile) is { } reportName && string.IsNullOrWhiteSpace(reportName))
            {
                throw new UserError("--report needs a file name");
            }

            Directory.CreateDirectory(dir);

            // A run that fails half-way must not leave the previous run's metrics beside its own partial files.
            File.Delete(Path.Combine(dir, "metrics.json"));
            var dbPath = Path.Combine(dir, "backtest.duckdb");
            foreach (var f in new[] { dbPath, dbPath + ".wal" })
            {
                File.Delete(f);
            }

            var labelBuilder = new LabelIntervals.Builder();
            Func<string, long, long, bool> isLabelled = fixedTruth is not null ? fixedTruth.Overlaps : labelBuilder.Overlaps;

            using var store = new DuckDbStore(dbPath, options.Features.Names);
            await using var predictionsOut = new StreamWriter(Path.Combine(dir, "predictions.csv"));
            await using var alerts = new AlertDispatcher(sinkFactory.Open([AlertSinkSpec.JsonLines(Path.Combine(dir, "alerts.jsonl"))], delivery, Console.Out, () => { }), Console.Error);
            var recorder = new BacktestRecorder(predictionsOut, isLabelled, inTraining, options.Windows.PerReading);
            recorder.WriteHeader();
            var pipeline = new DetectionPipeline(options, new CompositeSink(store, recorder, alerts));
            try
            {
                pipeline.Model = detector;
            }
            catch (ModelMismatchException e)
            {
                throw new UserError($"{modelPath}: {e.Message}");
            }

            pipeline.AlertFilter = w => !inTraining(w.PumpId, w.Start, w.End);
            // Labels first: a per-reading window closes inside Process and must see its own reading's label.
            // Notices about the input were told by the training pass, which read the same file, when there was one.
            var notices = modelPath is null ? TextWriter.Null : Console.Error;
            // The replay is synchronous (its hot loop runs faster so); alerts go out alongside it, in order, and all of
            // them before the results are printed.
            var delivering = alerts.RunAsync(CancellationToken.None);
            try
            {
                Replay.Run(Records(notices), pipeline, new Progress(Console.Error, time, "replaying"), notices, cancel, record =>
                {
                    if (record is { Reading: { } reading, Label: { } label })
                    {
                        labelBuilder.Observe(reading.PumpId, reading.Timestamp, label);
                    }
                });
            }
            finally
            {
                alerts.Complete();
                await delivering.ConfigureAwait(false);
            }

            await store.FlushAsync(cancel).ConfigureAwait(false);
            var truth = fixedTruth ?? labelBuilder.Build();
            var report = DetectionEvaluation.Evaluate(truth.Faults, recorder.Opened, recorder.DataEnd, recorder.PumpDays);
            var metrics = BacktestMetrics.From(recorder.Confusion, report, labelled, pipeline.Counters.PartialWindows, pipeline.Pumps.Count);
            await File.WriteAllTextAsync(Path.Combine(dir, "metrics.json"), JsonSerializer.Serialize(metrics, BacktestJsonContext.Default.BacktestMetrics), cancel).ConfigureAwait(false);
            Print(metrics, pipeline.Counters, time.GetElapsedTime(wall), dir, options.Windows.PerReading);
            if (parse.GetValue(reportFile) is { } reportPath)
            {
                BacktestReport.Write(reportPath, new ReportInput(path, detector.ModelId, time.GetUtcNow(), options.Windows.PerReading, metrics, report, recorder.Opened, store.Connection));
                Console.WriteLine($"  report:  {reportPath}");
            }
            var code = labelled ? CheckLabels(truth, recorder, labelsPath ?? $"--label-column {csv.LabelColumn}") : 0;
            // Exit code 4: results are written, but some alert did not reach a sink (each is a warning above).
            return alerts.ReportFailures() && code == 0 ? 4 : code;
        }));
        return command;
    }

    /// <summary>Trains on the chosen part of the records; also says why the model has no per-pump baselines (null when it has them).</summary>
    private static (AnomalyModel, Func<string, long, long, bool>, string?) Train(Func<TextWriter, IEnumerable<InputRecord>> records, PipelineOptions options, FeatureSet modelFeatures, TrainingOptions training,
        int? rows, long? from, long? to, TimeProvider time, CancellationToken cancel)
    {
        var lo = from ?? long.MinValue;
        var hi = to ?? long.MaxValue;

        // Windows are left out of the metrics exactly when they were trained on.
        var collector = new TrainingCollector(options.Features, modelFeatures, w => rows is not null || (w.Start >= lo && w.End <= hi));
        var pipeline = new DetectionPipeline(options, collector);
        if (rows is not { } n)
        {
            Replay.Run(records(Console.Error), pipeline, new Progress(Console.Error, time, "training"), Console.Error, cancel);
            return Trained(collector, training, time);
        }

        // The first n readings of each pump: find each record's pump (a JSON line is decoded here once more) and keep
        // it while its pump has had fewer than n.
        var probe = new ReadingParser(new SensorCatalog(options.Sensors), new PumpIdTable(), options.Validation);
        var probed = new ParsedReading();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        bool Keep(InputRecord record)
        {
            var pump = record.Reading is { } reading ? reading.PumpId
                : probe.Parse(record.Json.Span, probed, long.MaxValue).IsValid ? probed.PumpId
                : null;
            if (pump is null)
            {
                return false;
            }

            var count = seen.GetValueOrDefault(pump);
            if (count >= n)
            {
                return false;
            }

            seen[pump] = count + 1;
            return true;
        }

        Replay.Run(records(Console.Error).Where(Keep), pipeline, new Progress(Console.Error, time, "training"), Console.Error, cancel);
        return Trained(collector, training, time);
    }

    private static (AnomalyModel, Func<string, long, long, bool>, string?) Trained(TrainingCollector collector, TrainingOptions training, TimeProvider time)
    {
        var model = collector.Train(training, time.GetUtcNow());
        return (model, (pump, start, _) => collector.Used(pump, start), collector.WithoutBaselines(training));
    }

    /// <summary>
    /// Labels that match no scored window make every event-level figure meaningless ("0 of 1 faults detected" for a
    /// pump id spelt P101 against P-101): each such label is named on standard error, and when none matches the
    /// backtest fails (exit 3) instead of printing results that look real.
    /// </summary>
    private static int CheckLabels(LabelIntervals truth, BacktestRecorder recorder, string source)
    {
        var faults = truth.Faults;
        if (faults.Count == 0)
        {
            Console.Error.WriteLine($"pumpwatch: warning: {source} holds no labelled interval, so no fault could be detected");
            return 3;
        }

        var unmatched = faults.Where(f => !recorder.ScoredOverlaps(f.PumpId, f.Start, f.End)).ToList();
        foreach (var f in unmatched.Take(5))
        {
            var why = recorder.HasPump(f.PumpId)
                ? "lies outside the scored windows of its pump"
                : $"names pump '{f.PumpId}', which is not in the data (pumps: {string.Join(", ", recorder.PumpIds.Take(5))}{(recorder.PumpIds.Count > 5 ? ", ..." : "")})";
            Console.Error.WriteLine($"pumpwatch: warning: label {f.Kind} of pump {f.PumpId} from {EventTime.Format(f.Start)} {why}");
        }

        if (unmatched.Count > 5)
        {
            Console.Error.WriteLine($"pumpwatch: warning: ... and {unmatched.Count - 5} more labels match no scored window");
        }

        if (unmatched.Count == faults.Count)
        {
            Console.Error.WriteLine($"pumpwatch: no label in {source} overlaps a scored window of its pump: the fault figures above mean nothing; check the pump ids and times in the labels");
            return 3;
        }

        return 0;
    }

    private static void Print(BacktestMetrics m, PipelineCounters counters, TimeSpan wall, string dir, bool perReading)
    {
        var c = CultureInfo.InvariantCulture;
        string F(double? v) => v is not { } x || double.IsNaN(x) ? "n/a" : x.ToString("0.000", c);
        Console.WriteLine(string.Create(c, $"Replayed {counters.Records} records ({counters.Accepted} accepted, {counters.Quarantined} quarantined, {counters.Duplicates} duplicates) from {m.Pumps} pumps in {wall.TotalSeconds:0.0} s: {counters.Records / Math.Max(wall.TotalSeconds, 1e-9):0} records/s."));
        if (counters.NumbersFromText > 0)
        {
            Console.WriteLine($"  {counters.NumbersFromText} sensor values arrived as numbers in strings and were read as numbers");
        }

        var unit = perReading ? "readings scored" : "windows scored ";
        Console.WriteLine($"  {unit}     {m.Windows}{(m.Labelled ? $" (TP {m.TruePositives}, FP {m.FalsePositives}, FN {m.FalseNegatives}, TN {m.TrueNegatives})" : "")}; {m.PartialWindows} partial windows not scored");
        if (m.Labelled)
        {
            Console.WriteLine(perReading
                ? "  labels per reading: a prediction is positive when its own reading lies in a labelled interval"
                : "  labels per window: a window is positive when any labelled interval overlaps it");
            Console.WriteLine($"  precision           {F(m.Precision)}");
            Console.WriteLine($"  recall              {F(m.Recall)}");
            Console.WriteLine($"  F1                  {F(m.F1)}");
            Console.WriteLine($"  false-alarm rate    {F(m.FalseAlarmRate)}");
            Console.WriteLine($"  missed-alarm rate   {F(m.MissedAlarmRate)}");
            Console.WriteLine($"  faults detected     {m.EventsDetected} of {m.Events}");
            foreach (var f in m.Faults)
            {
                var what = $"pump {f.PumpId} {f.Fault}{(f.Sensor is null ? "" : $" ({f.Sensor})")} from {f.Start}";
                Console.WriteLine(f.Detected
                    ? string.Create(c, $"    DETECTED  {what}: first alert {f.MinutesAfterOnset:0.0} min after onset")
                    : $"    missed    {what}");
            }

            if (m.ByKind.Count > 0)
            {
                Console.WriteLine("  by fault kind (medians over the detected faults):");
                KindTable.Write(Console.Out, [.. m.ByKind, .. m.Totals], "    ");
            }

            Console.WriteLine($"  median delay        {(m.MedianDetectionDelayMinutes is { } d ? d.ToString("0.0", c) + " min after onset" : "n/a")}");
            Console.WriteLine($"  median lead time    {(m.MedianLeadTimeMinutes is { } l ? l.ToString("0.0", c) + " min before the labelled end" : "n/a")}");
            Console.WriteLine($"  false alerts        {m.FalseAlerts} of {m.Alerts} ({F(m.FalseAlertsPerPumpDay)} per pump-day over {m.PumpDays.ToString("0.00", c)} pump-days)");
        }
        else
        {
            Console.WriteLine($"  alerts              {m.Alerts} ({F(m.PumpDays > 0 ? m.Alerts / m.PumpDays : double.NaN)} per pump-day over {m.PumpDays.ToString("0.00", c)} pump-days); no labels, so no precision or recall");
        }

        Console.WriteLine($"  written: {dir}/predictions.csv, metrics.json, alerts.jsonl, backtest.duckdb");
    }
}
