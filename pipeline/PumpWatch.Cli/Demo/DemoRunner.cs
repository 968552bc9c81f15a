using System.Globalization;
using System.Text.Json;
using PumpWatch.Cli.Alerts;
using PumpWatch.Cli.Dashboard;
using PumpWatch.Cli.Store;
using PumpWatch.Cli.Streaming;
using PumpWatch.Core.Training;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;
using PumpWatch.Simulator;

namespace PumpWatch.Cli.Demo;

/// <summary>
/// The whole loop on one machine: simulated pumps with injected faults publish to an in-process stream at the
/// demo's pace; the detection pipeline consumes it into DuckDB; with no model given, the healthy warm-up trains one
/// first; alerts print as they happen (and go to a JSON lines file beside the store, and to any <c>--alert-sink</c>); a
/// summary says which faults were detected and how soon.
/// </summary>
internal sealed class DemoRunner(DemoOptions options, TextWriter output, TextWriter warnings, TimeProvider time, bool interactive, Invocation invocation, AlertSinkEnvironment sinkEnvironment)
{
    public async Task<int> RunAsync(CancellationToken cancel)
    {
        var simulator = new PumpSimulator(new SimulatorOptions(options.Pumps, TimeSpan.FromSeconds(1), options.Start, options.Duration, options.Seed, options.MalformedRate));
        var pipelineOptions = options.Detection;
        AnomalyModel? model = options.ModelPath is null ? null : ModelFiles.Load(options.ModelPath);
        if (model?.Input is { } input)
        {
            // The simulated pumps are read with the model's windows and sensor ranges, as any scoring run is.
            pipelineOptions = pipelineOptions with { Windows = input.Windows, Sensors = SensorSpec.Apply(pipelineOptions.Sensors, input.Sensors) };
        }


        using var sinkFactory = new AlertSinkFactory(sinkEnvironment);
        sinkFactory.Check(options.AlertSinks);
        DeleteDatabase(options.Database);
        using var store = new DuckDbStore(options.Database, pipelineOptions.Features.Names);
        var alertsPath = System.IO.Path.ChangeExtension(options.Database, ".alerts.jsonl");
        var statusShown = false;
        void ClearStatus()
        {
            if (statusShown && interactive)
            {
                output.Write("\r" + new string(' ', 100) + "\r");
                statusShown = false;
            }
        }

        await using var alerts = new AlertDispatcher(sinkFactory.Open([AlertSinkSpec.Console, AlertSinkSpec.JsonLines(alertsPath)], options.AlertSinks, output, ClearStatus), warnings);
        var alertLog = new DemoAlertLog();
        var warmUpEnd = EventTime.FromDateTimeOffset(options.Start + options.WarmUp);
        var collector = new TrainingCollector(pipelineOptions.Features, FeatureSet.ModelDefault, w => w.End <= warmUpEnd);
        var pipeline = new DetectionPipeline(pipelineOptions, new CompositeSink(store, alertLog, alerts, collector));

        output.WriteLine($"PumpWatch demo: {options.Pumps} simulated pumps at 1 Hz for {options.Duration} of simulated time, seed {options.Seed}, {(options.Speed > 0 ? $"{options.Speed.ToString(CultureInfo.InvariantCulture)}x real time" : "as fast as possible")}.");
        foreach (var fault in simulator.Faults)
        {
            output.WriteLine($"  fault to find: pump {fault.PumpId} {fault.Kind.Name()}{(fault.Sensor is null ? "" : $" ({fault.Sensor})")} from {fault.Start - options.Start} into the run");
        }

        if (model is not null)
        {
            pipeline.Model = model;
            output.WriteLine($"Scoring with model {model.ModelId} from {options.ModelPath} (threshold {model.Threshold.Value:0.000}).");
        }
        else
        {
            output.WriteLine($"No model given: training one on the first {options.WarmUp} (healthy warm-up), then scoring.");
        }

        // Declared after the store, so disposed (stopped) before it; started before the "Store:" line, because a Ctrl+C
        // while the web host starts (measured: within about a second of it on a loaded machine) ends the process at once,
        // without the summary, and the store line is what tells a user (and VerbTests) that the run is under way.
        await using var dashboard = options.DashboardPort is { } port ? await DashboardServer.StartAsync(DashboardStore.Beside(store), port, CancellationToken.None).ConfigureAwait(false) : null;
        output.WriteLine($"Store: {System.IO.Path.GetFullPath(options.Database)}");
        if (dashboard is not null)
        {
            output.WriteLine($"Dashboard: {dashboard.Address}  (live while the demo runs)");
        }

        output.WriteLine();

        // Devices publish to the stream at the simulated pace; the pipeline consumes it, as a Lambda consumes Kinesis.
        var stream = new InProcessStream();
        var wallStart = time.GetTimestamp();
        var devices = Task.Run(() => PublishAsync(simulator, stream, wallStart, cancel), CancellationToken.None);
        var lastStatus = wallStart;
        var lastReadings = 0L;
        var lastArrival = EventTime.FromDateTimeOffset(options.Start);
        var lastCommit = wallStart;
        await foreach (var record in stream.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            lastArrival = record.ArrivalMicros;
            if (pipeline.Model is null && lastArrival >= warmUpEnd + pipelineOptions.Windows.SizeMicros + pipelineOptions.Windows.LatenessMicros)
            {
                // The demo's --seed seeds the simulator and the forest alike: same seed, same model, same alerts.
                model = collector.Train(TrainingOptions.Default with { Forest = ForestOptions.Default with { Seed = options.Seed } }, time.GetUtcNow())
                    .WithInput(new ModelInput(pipelineOptions.Windows, pipelineOptions.Sensors, []));
                pipeline.Model = model;
                var modelPath = System.IO.Path.ChangeExtension(options.Database, ".model.json");
                await File.WriteAllTextAsync(modelPath, ModelArtifact.ToJson(model), CancellationToken.None).ConfigureAwait(false);
                ClearStatus();
                output.WriteLine($"Trained model {model.ModelId} on {collector.Windows} healthy windows ({model.Features.Count} features, threshold {model.Threshold.Value:0.000} for a 1% false-alarm rate per window); saved to {modelPath}. Scoring from now on.");
                output.WriteLine();
            }

            pipeline.Process(record.Data.Span, long.MaxValue);
            // Alerts print right after the batch that raised them, before the status line, as they always have.
            await alerts.DeliverPendingAsync(CancellationToken.None).ConfigureAwait(false);
            if (dashboard is not null && time.GetElapsedTime(lastCommit) > TimeSpan.FromSeconds(1))
            {
                // The store commits every 256 k rows on its own; the page shows what is committed, so commit each second.
                await store.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                lastCommit = time.GetTimestamp();
            }

            if (time.GetElapsedTime(lastStatus) > TimeSpan.FromMilliseconds(interactive ? 250 : 10_000))
            {
                var rate = (pipeline.Counters.Records - lastReadings) / time.GetElapsedTime(lastStatus).TotalSeconds;
                lastStatus = time.GetTimestamp();
                lastReadings = pipeline.Counters.Records;
                var status = string.Create(CultureInfo.InvariantCulture,
                    $"  {EventTime.Format(lastArrival)[..19]}  {rate,8:0} readings/s  {pipeline.Counters.Windows,6} windows  {pipeline.Counters.Alerts,3} alerts  {pipeline.Counters.Quarantined,4} quarantined");
                if (interactive)
                {
                    output.Write("\r" + status);
                    statusShown = true;
                }
                else
                {
                    output.WriteLine(status);
                }
            }
        }

        var stopped = await devices.ConfigureAwait(false);
        var simulatedEnd = stopped ? EventTime.ToDateTimeOffset(lastArrival + EventTime.MicrosPerSecond) : options.Start + options.Duration;
        if (stopped)
        {
            ClearStatus();
            output.WriteLine("Stopped (Ctrl+C): flushed and summarising what ran.");
        }

        pipeline.CloseAllWindows();
        await alerts.DeliverPendingAsync(CancellationToken.None).ConfigureAwait(false);
        await store.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        ClearStatus();
        var pumpDays = options.Pumps * (simulatedEnd - options.Start).TotalDays;
        var summary = DemoSummary.Build(simulator.Faults, alertLog.Alerts, simulatedEnd, pumpDays) with
        {
            ModelId = model?.ModelId,
            Database = System.IO.Path.GetFullPath(options.Database),
            Readings = pipeline.Counters.Accepted,
            Windows = pipeline.Counters.Windows,
            Quarantined = pipeline.Counters.Quarantined,
        };
        PrintSummary(summary, pipeline.Counters, time.GetElapsedTime(wallStart));
        if (options.SummaryJson is { } summaryPath)
        {
            await File.WriteAllTextAsync(summaryPath, JsonSerializer.Serialize(summary, DemoJsonContext.Default.DemoSummary), CancellationToken.None).ConfigureAwait(false);
            output.WriteLine($"Summary written to {summaryPath}");
        }

        // Exit code 4: the run itself went fine, but some alert did not reach a sink (each is a warning above).
        return alerts.ReportFailures() ? 4 : 0;
    }

    /// <summary>The simulated devices: publish every record at the demo's pace; true when stopped by Ctrl+C.</summary>
    private async Task<bool> PublishAsync(PumpSimulator simulator, InProcessStream stream, long wallStart, CancellationToken cancel)
    {
        var startMicros = EventTime.FromDateTimeOffset(options.Start);
        try
        {
            foreach (var record in simulator.Generate())
            {
                var arrival = record.Reading.Timestamp;
                if (options.Speed > 0)
                {
                    var ahead = TimeSpan.FromMicroseconds((arrival - startMicros) / options.Speed) - time.GetElapsedTime(wallStart);
                    if (ahead > TimeSpan.FromMilliseconds(25))
                    {
                        await Task.Delay(ahead, time, cancel).ConfigureAwait(false);
                    }
                }

                await stream.PublishAsync(record.Reading.PumpId, System.Text.Encoding.UTF8.GetBytes(record.ToLine()), arrival, cancel).ConfigureAwait(false);
            }

            return false;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return true;
        }
        finally
        {
            stream.Complete();
        }
    }

    private void PrintSummary(DemoSummary summary, PipelineCounters counters, TimeSpan wall)
    {
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Summary: {counters.Accepted} readings accepted, {counters.Duplicates} duplicates, {counters.Quarantined} quarantined, {counters.Windows} windows, {counters.Alerts} alert events in {wall.TotalSeconds:0.0} s."));
        foreach (var f in summary.Faults)
        {
            var what = $"pump {f.PumpId} {f.Fault}{(f.Sensor is null ? "" : $" ({f.Sensor})")}";
            output.WriteLine(f.Detected
                ? string.Create(CultureInfo.InvariantCulture, $"  DETECTED  {what}: first alert {f.MinutesAfterOnset:0} min after onset ({f.DetectedAt})")
                : string.Create(CultureInfo.InvariantCulture, $"  missed    {what} (from {f.Start}, active for {f.ActiveMinutes:0} min of the run)"));
        }

        foreach (var silence in summary.Silences)
        {
            output.WriteLine($"  SILENT    pump {silence.PumpId}: no reading since {silence.LastReading} (reported at {silence.ReportedAt})");
        }

        output.WriteLine(summary.FalseAlerts.Count == 0 ? "  no false alerts" : $"  {summary.FalseAlerts.Count} false alert(s):");
        foreach (var a in summary.FalseAlerts)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    pump {a.PumpId} at {a.At}, score {a.Score:0.000} ({a.Severity})"));
        }

        output.WriteLine($"Look inside: {invocation.Command($"query --db {summary.Database} \"SELECT pump_id, event, severity, window_end, score FROM alerts ORDER BY window_end\"")}");
        if (options.DashboardPort is not null)
        {
            output.WriteLine($"The dashboard stops with the demo; to look again: {invocation.Command($"dashboard --db {summary.Database}")}");
        }
    }

    private static void DeleteDatabase(string path)
    {
        foreach (var file in new[] { path, path + ".wal" })
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }
    }
}
