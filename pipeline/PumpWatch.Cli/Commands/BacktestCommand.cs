using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PumpWatch.Cli.Backtest;
using PumpWatch.Cli.Training;
using PumpWatch.Cli.Input;
using PumpWatch.Cli.Store;
using PumpWatch.Core.Alerts;
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
    public static Command Create(TimeProvider time)
    {
        var common = new CommonOptions();
        var input = new Argument<string>("input") { Description = "Readings file (.jsonl, .csv)" };
        var model = new Option<string?>("--model", "-m") { Description = "Score with this model instead of training one" };
        var trainRows = new Option<int?>("--train-rows") { Description = "Train on the first N readings of each pump" };
        var trainFrom = new Option<string?>("--train-from") { Description = "Train on windows from this time (ISO-8601)" };
        var trainTo = new Option<string?>("--train-to") { Description = "... up to this time" };
        var labels = new Option<string?>("--labels") { Description = "Labels file of intervals (pump_id,fault,start,end: the simulator's format)" };
        var labelColumn = new Option<string?>("--label-column") { Description = "CSV column whose non-zero values mark anomalous readings" };
        var outDir = new Option<string>("--out", "-o") { Description = "Folder for predictions.csv, metrics.json, alerts.jsonl, backtest.duckdb", DefaultValueFactory = _ => "backtest-out" };
        var command = new Command("backtest", "Replay history through the detector and measure it against labels")
        {
            input, model, trainRows, trainFrom, trainTo, labels, labelColumn, outDir,
        };
        common.AddCsv(command);
        common.AddWindows(command);
        common.AddForest(command);
        command.SetAction((parse, cancel) => CliRun.Guard(async () =>
        {
            var path = parse.GetValue(input)!;
            var csv = common.Csv(parse, parse.GetValue(labelColumn));
            var (options, modelFeatures) = common.ForInput(parse, path, csv);
            var rows = parse.GetValue(trainRows);
            var fromMicros = CommonOptions.ParseTime(parse.GetValue(trainFrom), "--train-from");
            var toMicros = CommonOptions.ParseTime(parse.GetValue(trainTo), "--train-to");
            var modelPath = parse.GetValue(model);
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

            var wall = time.GetTimestamp();
            AnomalyModel detector;
            Func<string, long, long, bool> inTraining;
            if (modelPath is not null)
            {
                detector = ModelFiles.Load(modelPath);
                inTraining = (_, _, _) => false;
            }
            else
            {
                (detector, inTraining) = Train(path, csv, options, modelFeatures, common.Training(parse), rows, fromMicros, toMicros, time, cancel);
                Console.WriteLine($"Trained model {detector.ModelId} on {detector.Training.Rows} windows (threshold {detector.Threshold.Value.ToString("0.0000", CultureInfo.InvariantCulture)}).");
            }

            var dir = parse.GetValue(outDir)!;
            Directory.CreateDirectory(dir);
            var dbPath = Path.Combine(dir, "backtest.duckdb");
            foreach (var f in new[] { dbPath, dbPath + ".wal" })
            {
                File.Delete(f);
            }

            using var store = new DuckDbStore(dbPath, options.Features.Names);
            var collector = new PredictionCollector();
            var pipeline = new DetectionPipeline(options, new CompositeSink(store, collector));
            store.UseCatalog(pipeline.Catalog);
            try
            {
                pipeline.Model = detector;
            }
            catch (ModelMismatchException e)
            {
                throw new UserError($"{modelPath}: {e.Message}");
            }

            pipeline.AlertFilter = w => !inTraining(w.PumpId, w.Start, w.End);
            var labelBuilder = new LabelIntervals.Builder();
            var span = new Dictionary<string, (long First, long Last)>(StringComparer.Ordinal);
            foreach (var record in ReadingFiles.Read(path, csv))
            {
                cancel.ThrowIfCancellationRequested();
                record.FeedTo(pipeline);
                if (record.Reading is { } reading)
                {
                    if (record.Label is { } label)
                    {
                        labelBuilder.Observe(reading.PumpId, reading.Timestamp, label);
                    }

                    span[reading.PumpId] = span.TryGetValue(reading.PumpId, out var s) ? (Math.Min(s.First, reading.Timestamp), Math.Max(s.Last, reading.Timestamp)) : (reading.Timestamp, reading.Timestamp);
                }
            }

            pipeline.Flush();
            store.Flush();
            var truth = parse.GetValue(labels) is { } labelsPath ? LabelIntervals.FromFile(labelsPath) : labelBuilder.Build();
            var evaluated = collector.Windows.Where(w => !inTraining(w.Pump, w.Start, w.End)).ToList();
            var predictions = evaluated.Select(w => new Prediction(w.End, w.Pump, w.Score, w.Threshold, w.Score > w.Threshold, truth.Overlaps(w.Pump, w.Start, w.End))).ToList();
            var opened = collector.Alerts.Where(a => a.Kind == AlertEventKind.Opened && !inTraining(a.PumpId, a.WindowStart, a.WindowEnd))
                .Select(a => (a.PumpId, a.WindowStart, a.WindowEnd)).ToList();
            var pumpDays = span.Count > 0 ? span.Values.Sum(s => (s.Last - s.First) / 86_400e6) : PumpDaysFromStore(store);
            var metrics = BacktestMetrics.Compute(predictions, truth, opened, pumpDays);
            await WriteOutputs(dir, predictions, collector.Alerts, metrics, cancel).ConfigureAwait(false);
            Print(metrics, pipeline.Counters, time.GetElapsedTime(wall), dir);
            return 0;
        }));
        return command;
    }

    private static double PumpDaysFromStore(DuckDbStore store)
    {
        using var command = store.Connection.CreateCommand();
        command.CommandText = "SELECT coalesce(sum(epoch_us(last) - epoch_us(first)), 0) / 86400e6 FROM (SELECT pump_id, min(time) AS first, max(time) AS last FROM readings GROUP BY pump_id)";
        return Convert.ToDouble(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static (AnomalyModel, Func<string, long, long, bool>) Train(string path, CsvReadingOptions csv, PipelineOptions options, FeatureSet modelFeatures, TrainingOptions training,
        int? rows, long? from, long? to, TimeProvider time, CancellationToken cancel)
    {
        var lo = from ?? long.MinValue;
        var hi = to ?? long.MaxValue;
        var lastTrainingTime = new Dictionary<string, long>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var collector = new TrainingCollector(options.Features, modelFeatures,
            w => rows is not null || (w.Start >= lo && w.End <= hi));
        var pipeline = new DetectionPipeline(options, collector);
        foreach (var record in ReadingFiles.Read(path, csv))
        {
            cancel.ThrowIfCancellationRequested();
            if (rows is { } n)
            {
                // The reading's pump: CSV records carry it; JSON lines are decoded by the pipeline, so ask it afterwards.
                var pump = record.Reading?.PumpId;
                if (pump is not null)
                {
                    var count = seen.GetValueOrDefault(pump);
                    if (count >= n)
                    {
                        continue;
                    }

                    seen[pump] = count + 1;
                    lastTrainingTime[pump] = record.Reading!.Timestamp;
                }
                else if (pipeline.Counters.Accepted >= (long)n * Math.Max(1, pipeline.Pumps.Count) && pipeline.Pumps.Count > 0)
                {
                    break;
                }
            }

            record.FeedTo(pipeline);
        }

        pipeline.Flush();
        var model = collector.Train(training, time.GetUtcNow());
        var trainingEnd = collector.To ?? long.MinValue;
        return rows is not null
            ? (model, (pump, _, end) => lastTrainingTime.TryGetValue(pump, out var last) ? end <= last + 1 : end <= trainingEnd)
            : (model, (_, start, end) => start >= lo && end <= hi);
    }

    private static async Task WriteOutputs(string dir, List<Prediction> predictions, List<Alert> alerts, BacktestMetrics metrics, CancellationToken cancel)
    {
        var c = CultureInfo.InvariantCulture;
        await using (var writer = new StreamWriter(Path.Combine(dir, "predictions.csv")))
        {
            await writer.WriteLineAsync("time,pump_id,score,threshold,predicted,label").ConfigureAwait(false);
            foreach (var p in predictions)
            {
                await writer.WriteLineAsync(string.Create(c, $"{EventTime.Format(p.Time)},{p.Pump},{p.Score:R},{p.Threshold:R},{(p.Predicted ? 1 : 0)},{(p.Label ? 1 : 0)}")).ConfigureAwait(false);
            }
        }

        await File.WriteAllLinesAsync(Path.Combine(dir, "alerts.jsonl"), alerts.Select(AlertFormatter.ToJson), cancel).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(dir, "metrics.json"), JsonSerializer.Serialize(metrics, BacktestJsonContext.Default.BacktestMetrics), cancel).ConfigureAwait(false);
    }

    private static void Print(BacktestMetrics m, PipelineCounters counters, TimeSpan wall, string dir)
    {
        var c = CultureInfo.InvariantCulture;
        string F(double v) => double.IsNaN(v) ? "n/a" : v.ToString("0.000", c);
        Console.WriteLine(string.Create(c, $"Replayed {counters.Records} records ({counters.Accepted} accepted, {counters.Quarantined} quarantined, {counters.Duplicates} duplicates) in {wall.TotalSeconds:0.0} s: {counters.Records / Math.Max(wall.TotalSeconds, 1e-9):0} records/s."));
        Console.WriteLine($"  windows scored      {m.Windows} (TP {m.TruePositives}, FP {m.FalsePositives}, FN {m.FalseNegatives}, TN {m.TrueNegatives})");
        Console.WriteLine($"  precision           {F(m.Precision)}");
        Console.WriteLine($"  recall              {F(m.Recall)}");
        Console.WriteLine($"  F1                  {F(m.F1)}");
        Console.WriteLine($"  false-alarm rate    {F(m.FalseAlarmRate)}");
        Console.WriteLine($"  missed-alarm rate   {F(m.MissedAlarmRate)}");
        Console.WriteLine($"  faults detected     {m.EventsDetected} of {m.Events}");
        Console.WriteLine($"  median delay        {(m.MedianDetectionDelayMinutes is { } d ? d.ToString("0.0", c) + " min after onset" : "n/a")}");
        Console.WriteLine($"  median lead time    {(m.MedianLeadTimeMinutes is { } l ? l.ToString("0.0", c) + " min before the labelled end" : "n/a")}");
        Console.WriteLine($"  false alerts        {m.FalseAlerts} of {m.Alerts} ({F(m.FalseAlertsPerPumpDay)} per pump-day over {m.PumpDays.ToString("0.00", c)} pump-days)");
        Console.WriteLine($"  written: {dir}/predictions.csv, metrics.json, alerts.jsonl, backtest.duckdb");
    }

    private sealed class PredictionCollector : DetectionSink
    {
        public List<(string Pump, long Start, long End, double Score, double Threshold)> Windows { get; } = [];

        public List<Alert> Alerts { get; } = [];

        public override void OnWindow(ScoredWindow w) => Windows.Add((w.PumpId, w.Start, w.End, w.Score, w.Threshold));

        public override void OnAlert(Alert alert) => Alerts.Add(alert);
    }
}
