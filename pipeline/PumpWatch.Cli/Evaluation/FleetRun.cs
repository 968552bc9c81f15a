using System.Text;
using PumpWatch.Core.Evaluation;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;
using PumpWatch.Core.Training;
using PumpWatch.Simulator;

namespace PumpWatch.Cli.Evaluation;

/// <summary>
/// One seed of the fleet scenario, simulated in process and run through the detection pipeline as a backtest would
/// run its file: readings as JSON lines, a model trained on the healthy lead's windows, every later window scored and
/// alerted on, then judged against the labels (<see cref="DetectionEvaluation"/>).
/// </summary>
internal sealed record FleetRun(int Seed, SimulatorOptions Scenario, DetectionReport Report, AnomalyModel Model, long Readings, long ScoredWindows, TimeSpan Wall)
{
    public static FleetRun Execute(int seed, FleetSettings settings, PipelineOptions options, TrainingOptions training, TimeProvider time, CancellationToken cancel)
    {
        var wall = time.GetTimestamp();
        var scenario = settings.ForSeed(seed);
        var leadEnd = EventTime.FromDateTimeOffset(scenario.Start + settings.Scenario.HealthyLead);
        var collector = new TrainingCollector(options.Features, FeatureSet.ModelDefault, w => w.End <= leadEnd);
        var alerts = new OpenedAlertCollector((_, start) => start < leadEnd);
        var pipeline = new DetectionPipeline(options, new CompositeSink(collector, alerts))
        {
            AlertFilter = w => w.Start >= leadEnd,
        };

        // Train once the last lead window has closed, before the reading that closes the first window after it.
        var trainAt = leadEnd + options.Windows.SizeMicros + options.Windows.LatenessMicros;
        var buffer = new byte[1024];
        foreach (var record in new PumpSimulator(scenario).Generate())
        {
            if (pipeline.Model is null && record.Reading.Timestamp >= trainAt)
            {
                cancel.ThrowIfCancellationRequested();
                pipeline.Model = collector.Train(training, time.GetUtcNow()).WithInput(new ModelInput(options.Windows, options.Sensors, []));
            }

            var length = Encoding.UTF8.GetBytes(record.ToLine(), buffer);
            pipeline.Process(buffer.AsSpan(0, length), long.MaxValue);
            if ((pipeline.Counters.Records & 0xFFFFF) == 0)
            {
                cancel.ThrowIfCancellationRequested();
            }
        }

        pipeline.CloseAllWindows();
        var faults = scenario.Faults!.Select(f => new FaultInterval(f.PumpId, f.Kind.Name(), f.Sensor, EventTime.FromDateTimeOffset(f.Start),
            EventTime.FromDateTimeOffset(f.End), EventTime.FromDateTimeOffset(f.RampEnd))).ToList();
        var report = DetectionEvaluation.Evaluate(faults, alerts.Opened, EventTime.FromDateTimeOffset(scenario.Start + scenario.Duration), settings.EvaluatedPumpDays);
        return new FleetRun(seed, scenario, report, pipeline.Model ?? throw new TrainingDataException("the healthy lead ended after the run"),
            pipeline.Counters.Accepted, alerts.ScoredWindows, time.GetElapsedTime(wall));
    }
}
