using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PumpWatch.Cli.Evaluation;
using PumpWatch.Simulator;

namespace PumpWatch.Cli.Commands;

/// <summary>
/// <c>pumpwatch evaluate</c>: how well the detector detects, in one command. Simulates the fleet scenario for the fixed
/// tuning and held-out seeds (<see cref="EvaluationSeeds"/>), trains on each run's healthy lead and scores the rest, runs
/// the NAB machine-temperature series, prints per fault kind what was found and how soon with the false alerts, judges
/// the targets (<see cref="DetectionTargets"/>), and writes the same as JSON.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(TimeProvider time)
    {
        var common = new CommonOptions();
        var alerting = new AlertOptions();
        var seeds = new Option<string>("--seeds")
        {
            Description = $"Fleet seeds: tuning ({string.Join(", ", EvaluationSeeds.Tuning)}), held-out ({string.Join(", ", EvaluationSeeds.HeldOut)}), all, or a comma-separated list",
            DefaultValueFactory = _ => "all",
        };
        var pumps = new Option<int>("--pumps") { Description = "Simulated pumps per seed", DefaultValueFactory = _ => 100 };
        var duration = Durations.Option("--duration", "Simulated time per seed", TimeSpan.FromDays(3));
        var interval = Durations.Option("--interval", "Sampling interval of the simulated pumps", EvaluationDefaults.Interval);
        var faultRate = new Option<double>("--fault-rate") { Description = "Faults per pump-day after the healthy lead", DefaultValueFactory = _ => FleetOptions.Default.FaultRatePerPumpDay };
        var lead = Durations.Option("--healthy-lead", "Leading period with no fault, trained on", FleetOptions.Default.HealthyLead);
        var noVariation = new Option<bool>("--no-variation") { Description = "No stops, load changes, sensor swaps or ambient drift in the fleet (faults only)" };
        var noFleet = new Option<bool>("--no-fleet") { Description = "Leave out the simulated fleet" };
        var nab = new Option<string>("--nab") { Description = $"Folder with NAB's {NabRun.Readings} and {NabRun.Labels}", DefaultValueFactory = _ => EvaluationDefaults.NabFolder };
        var noNab = new Option<bool>("--no-nab") { Description = "Leave out the NAB series" };
        var nabWindow = Durations.Option("--nab-window", "Window for the NAB series (one reading every 5 minutes)", EvaluationDefaults.NabWindow);
        var nabTrain = Durations.Option("--nab-train", "Train on this much of the NAB series from its first reading", EvaluationDefaults.NabTraining);
        var output = new Option<string>("--out", "-o") { Description = "JSON file to write", DefaultValueFactory = _ => "evaluation.json" };
        var command = new Command("evaluate", "Measure detection on the simulated fleet scenario (tuning and held-out seeds) and on NAB: per fault kind, delays, false alerts, targets")
        {
            seeds, pumps, duration, interval, faultRate, lead, noVariation, noFleet, nab, noNab, nabWindow, nabTrain, output,
        };
        common.AddWindows(command);
        common.AddForest(command);
        alerting.AddTo(command);
        command.SetAction((parse, cancel) => CliRun.Guard(async () =>
        {
            var options = common.Pipeline(parse, alerting);
            var training = common.Training(parse);
            var groups = SeedGroups(parse.GetValue(seeds)!);
            var fleet = parse.GetValue(noFleet) ? null : new FleetSettings(parse.GetValue(pumps), parse.GetValue(duration), parse.GetValue(interval),
                new FleetOptions(parse.GetValue(faultRate), parse.GetValue(lead), !parse.GetValue(noVariation)));
            if (fleet is not null)
            {
                var problem = fleet.Pumps is < 1 or > 100_000 ? $"--pumps {fleet.Pumps} must be 1..100000"
                    : fleet.Interval <= TimeSpan.Zero ? "--interval must be positive"
                    : fleet.Scenario.Problem(fleet.Duration) is { } p ? $"--healthy-lead / --fault-rate / --duration: {p}"
                    : fleet.Scenario.HealthyLead < options.Windows.Size * 10 ? $"--healthy-lead {Durations.Format(fleet.Scenario.HealthyLead)} leaves fewer than 10 windows to train on"
                    : null;
                if (problem is not null)
                {
                    throw new UserError(problem);
                }
            }

            var nabFolder = parse.GetValue(noNab) ? null : parse.GetValue(nab)!;
            if (nabFolder is not null && !File.Exists(Path.Combine(nabFolder, NabRun.Readings)))
            {
                if (parse.GetResult(nab) is { Implicit: false })
                {
                    throw new UserError($"--nab {nabFolder}: no {NabRun.Readings} there");
                }

                Console.Error.WriteLine($"pumpwatch: note: NAB left out: no {Path.Combine(nabFolder, NabRun.Readings)} (give --nab FOLDER, or --no-nab)");
                nabFolder = null;
            }

            var outPath = parse.GetValue(output)!;
            var printer = new EvaluationPrinter(Console.Out);
            var results = new List<SeedGroupResult>();
            if (fleet is not null)
            {
                printer.Scenario(fleet, options, groups);
                foreach (var (name, groupSeeds) in groups)
                {
                    var runs = new List<FleetRun>();
                    foreach (var seed in groupSeeds)
                    {
                        var run = FleetRun.Execute(seed, fleet, options, training, time, cancel);
                        printer.Seed(name, run);
                        runs.Add(run);
                    }

                    var group = SeedGroupResult.From(name, runs);
                    printer.Group(group);
                    results.Add(group);
                }
            }

            NabResult? nabResult = null;
            if (nabFolder is not null)
            {
                nabResult = NabResult.From(NabRun.Execute(nabFolder, parse.GetValue(nabWindow), parse.GetValue(nabTrain), options, training, time, cancel));
                printer.Nab(nabResult);
            }

            var heldOut = results.FirstOrDefault(g => g.Name == EvaluationDefaults.HeldOutName);
            var targets = DetectionTargets.Judge(fleet, heldOut, nabResult);
            printer.Targets(targets, heldOut is null && fleet is not null);
            var result = new EvaluationResult(fleet is null ? null : new FleetScenarioResult(fleet.Pumps, Durations.Format(fleet.Duration), Durations.Format(fleet.Interval),
                fleet.Scenario.FaultRatePerPumpDay, Durations.Format(fleet.Scenario.HealthyLead), fleet.Scenario.HealthyVariation, Durations.Format(options.Windows.Size),
                EvaluationSeeds.Tuning, EvaluationSeeds.HeldOut), results, nabResult, targets);
            using (var file = new OutputFile(outPath))
            {
                await JsonSerializer.SerializeAsync(file.Stream, result, EvaluationJsonContext.Default.EvaluationResult, cancel).ConfigureAwait(false);
                file.Commit();
            }

            Console.WriteLine($"Written: {outPath}");
            return 0;
        }));
        return command;
    }

    /// <summary>The groups <c>--seeds</c> names: tuning, held-out, both, or one group of given seeds.</summary>
    private static IReadOnlyList<(string Name, IReadOnlyList<int> Seeds)> SeedGroups(string text) => text switch
    {
        "tuning" => [(EvaluationDefaults.TuningName, EvaluationSeeds.Tuning)],
        "held-out" => [(EvaluationDefaults.HeldOutName, EvaluationSeeds.HeldOut)],
        "all" => [(EvaluationDefaults.TuningName, EvaluationSeeds.Tuning), (EvaluationDefaults.HeldOutName, EvaluationSeeds.HeldOut)],
        _ => [("given", [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s =>
            int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : throw new UserError($"--seeds '{text}': '{s}' is not tuning, held-out, all or a seed number"))])],
    };
}
