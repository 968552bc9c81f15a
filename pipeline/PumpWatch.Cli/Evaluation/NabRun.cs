using PumpWatch.Cli.Backtest;
using PumpWatch.Cli.Input;
using PumpWatch.Core.Evaluation;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Training;
using PumpWatch.Core.Windows;

namespace PumpWatch.Cli.Evaluation;

/// <summary>
/// The NAB machine-temperature series (a real machine, four known failures; see its README) run as
/// <c>pumpwatch backtest FILE --pump machine --time-format 'yyyy-MM-dd HH:mm:ss' --window W --train-to (first reading + T)
/// --labels machine_temperature_labels.csv</c> would run it: trained on the first <c>T</c>, every later window scored.
/// </summary>
internal sealed record NabRun(string Folder, TimeSpan Window, long TrainedTo, long DataStart, long DataEnd, long ScoredWindows, DetectionReport Report, AnomalyModel Model)
{
    public const string Readings = "machine_temperature_system_failure.csv";
    public const string Labels = "machine_temperature_labels.csv";

    public static NabRun Execute(string folder, TimeSpan window, TimeSpan training, PipelineOptions fleetOptions, TrainingOptions trainingOptions, TimeProvider time, CancellationToken cancel)
    {
        var path = Path.Combine(folder, Readings);
        var labels = LabelIntervals.FromFile(Path.Combine(folder, Labels));
        var csv = new CsvReadingOptions(TimeFormat: "yyyy-MM-dd HH:mm:ss", FixedPump: "machine");
        var sensors = ReadingFiles.SensorNamesOf(path, csv) ?? throw new UserError($"{path}: no such file, or no sensor column in it");
        var options = fleetOptions with { Windows = WindowOptions.Tumbling(window), Features = FeatureSet.All(sensors) };

        var first = long.MaxValue;
        var span = (long)training.TotalMicroseconds;
        var collector = new TrainingCollector(options.Features, FeatureSet.ModelDefaultFor(sensors), w => first != long.MaxValue && w.End <= first + span);
        Replay.Run(ReadingFiles.Read(path, csv, TextWriter.Null), new DetectionPipeline(options, collector), new Progress(TextWriter.Null, time, "nab", false), TextWriter.Null, cancel,
            record => first = Math.Min(first, record.Reading?.Timestamp ?? long.MaxValue));
        var model = collector.Train(trainingOptions, time.GetUtcNow()).WithInput(new ModelInput(options.Windows, options.Sensors, []));

        var alerts = new OpenedAlertCollector(collector.Used);
        var pipeline = new DetectionPipeline(options, alerts, model) { AlertFilter = w => !collector.Used(w.PumpId, w.Start) };
        Replay.Run(ReadingFiles.Read(path, csv, TextWriter.Null), pipeline, new Progress(TextWriter.Null, time, "nab", false), TextWriter.Null, cancel);
        var report = DetectionEvaluation.Evaluate(labels.Faults, alerts.Opened, alerts.DataEnd, (alerts.DataEnd - alerts.DataStart) / 86_400e6);
        return new NabRun(folder, window, first + span, alerts.DataStart, alerts.DataEnd, alerts.ScoredWindows, report, model);
    }
}
