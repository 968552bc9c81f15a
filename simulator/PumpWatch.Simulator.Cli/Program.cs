using System.CommandLine;
using System.Globalization;
using PumpWatch.Aws.Configuration;
using PumpWatch.Simulator;
using PumpWatch.Simulator.Cli.Sinks;

// Composition root of the simulator command: the clock and the console live here.
var pumps = new Option<int>("--pumps") { Description = "Number of pumps", DefaultValueFactory = _ => 5 };
var interval = Duration("--interval", "Sampling interval", TimeSpan.FromSeconds(1));
var start = new Option<DateTimeOffset?>("--start") { Description = "Start of simulated time (ISO-8601; default 2026-05-01T00:00:00Z, so the same seed gives the same bytes; with --speed above 0, now)" };
var duration = Duration("--duration", "Simulated duration", TimeSpan.FromHours(1));
var speed = new Option<double>("--speed") { Description = "Times real time; 0 = as fast as possible", DefaultValueFactory = _ => 0 };
var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
var malformed = new Option<double>("--malformed-rate") { Description = "Share of messages sent malformed (0-1)", DefaultValueFactory = _ => 0 };
var noFaults = new Option<bool>("--no-faults") { Description = "Inject no faults" };
var output = new Option<FileInfo?>("--output", "-o") { Description = "JSON lines file (default: standard output)" };
var labels = new Option<FileInfo?>("--labels") { Description = $"Write the injected faults here (CSV: {FaultSpec.LabelsHeader})" };
var scenario = new Option<string>("--scenario")
{
    Description = "default: two pump faults from 40% and 60% of the run and one sensor fault from 70%; fleet: every fault kind several times at --fault-rate after --healthy-lead, "
        + "abrupt and gradual, half ended by maintenance, with unlabelled stops, load changes, swapped sensors and ambient drift",
    DefaultValueFactory = _ => "default",
};
scenario.Validators.Add(result =>
{
    // One line naming the value, rather than System.CommandLine's list of allowed values over several lines.
    var value = result.GetValueOrDefault<string>();
    if (value is not ("default" or "fleet"))
    {
        result.AddError($"--scenario '{value}' must be default or fleet");
    }
});
var faultRate = new Option<double>("--fault-rate") { Description = $"Fleet scenario: faults per pump-day after the healthy lead (default {FleetOptions.Default.FaultRatePerPumpDay})", DefaultValueFactory = _ => FleetOptions.Default.FaultRatePerPumpDay };
var healthyLead = Duration("--healthy-lead", "Fleet scenario: leading period with no fault, to train on", FleetOptions.Default.HealthyLead);
var noVariation = new Option<bool>("--no-variation") { Description = "Fleet scenario: no stops, load changes, sensor swaps or ambient drift (faults only)" };
var events = new Option<FileInfo?>("--events") { Description = $"Write the fleet scenario's healthy events (never labels) here (CSV: {HealthyEvent.Header})" };

var fixedStart = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
var root = new RootCommand("Simulated oil pumps with labelled faults, as the tutorial's JSON readings")
{
    pumps, interval, start, duration, speed, seed, malformed, noFaults, output, labels, scenario, faultRate, healthyLead, noVariation, events,
};

var sinks = new SinkCommandLine(AwsCredentialChain.Resolve, AwsRegionChain.Resolve);
sinks.AddTo(root, output);

root.SetAction(async (ParseResult parse, CancellationToken cancel) =>
{
    var time = TimeProvider.System;
    var now = time.GetUtcNow();
    var options = new SimulatorOptions(
        parse.GetValue(pumps), parse.GetValue(interval),
        // A file of history starts at a fixed instant, part of the seed's contract (same seed, same bytes); a paced,
        // live run starts now, since a consumer checks readings against its own clock.
        parse.GetValue(start) ?? (parse.GetValue(speed) > 0 ? new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero) : fixedStart),
        parse.GetValue(duration), parse.GetValue(seed), parse.GetValue(malformed),
        parse.GetValue(noFaults) ? [] : null);
    var fleet = parse.GetValue(scenario) == "fleet";
    var fleetOptions = new FleetOptions(parse.GetValue(noFaults) ? 0 : parse.GetValue(faultRate), parse.GetValue(healthyLead), !parse.GetValue(noVariation));
    if ((options.Problem() ?? (fleet ? fleetOptions.Problem(options.Duration) : null)) is { } problem)
    {
        await Console.Error.WriteLineAsync($"pumpwatch-sim: {problem}").ConfigureAwait(false);
        return 2;
    }

    var fleetOnly = new Option[] { faultRate, healthyLead, noVariation, events }.FirstOrDefault(o => !fleet && parse.GetResult(o) is { Implicit: false });
    if (fleetOnly is not null)
    {
        await Console.Error.WriteLineAsync($"pumpwatch-sim: {fleetOnly.Name} needs --scenario fleet").ConfigureAwait(false);
        return 2;
    }

    if (fleet)
    {
        options = FleetScenario.Draw(options, fleetOptions);
    }

    var factor = parse.GetValue(speed);
    if (factor < 0)
    {
        await Console.Error.WriteLineAsync($"pumpwatch-sim: --speed {factor.ToString(CultureInfo.InvariantCulture)} must be >= 0").ConfigureAwait(false);
        return 2;
    }

    var simulator = new PumpSimulator(options);
    try
    {
        if (parse.GetValue(labels) is { } labelsFile)
        {
            await File.WriteAllLinesAsync(labelsFile.FullName, [FaultSpec.LabelsHeader, .. simulator.Faults.Select(f => f.ToLabelLine())], cancel).ConfigureAwait(false);
        }

        if (parse.GetValue(events) is { } eventsFile)
        {
            await File.WriteAllLinesAsync(eventsFile.FullName, [HealthyEvent.Header, .. (options.Plan?.Events ?? []).Select(e => e.ToLine())], cancel).ConfigureAwait(false);
        }

        var file = parse.GetValue(output);
        await using var sink = await sinks.OpenAsync(parse, file, options.Seed, time, Console.Out, Console.Error, cancel).ConfigureAwait(false);
        var wallStart = time.GetTimestamp();
        foreach (var record in simulator.Generate())
        {
            cancel.ThrowIfCancellationRequested();
            await sink.WriteAsync(record, cancel).ConfigureAwait(false);
            if (factor > 0)
            {
                var due = TimeSpan.FromMicroseconds((record.Reading.Timestamp - PumpWatch.Core.Readings.EventTime.FromDateTimeOffset(options.Start)) / factor);
                var ahead = due - time.GetElapsedTime(wallStart);
                if (ahead > TimeSpan.FromMilliseconds(20))
                {
                    await sink.FlushAsync(cancel).ConfigureAwait(false);
                    await Task.Delay(ahead, time, cancel).ConfigureAwait(false);
                }
            }
        }
        await sink.CompleteAsync(cancel).ConfigureAwait(false); // the rest of a batch, the sink's closing line; it throws if messages were lost

        var faults = simulator.Faults.Count == 0 ? "no faults"
            : fleet ? $"{simulator.Faults.Count} faults ({string.Join(", ", simulator.Faults.GroupBy(f => f.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key.Name()} {g.Count()}"))})"
            : string.Join(", ", simulator.Faults.Select(f => $"pump {f.PumpId} {f.Kind.Name()}"));
        if (options.Plan is { } plan)
        {
            faults += plan.Events.Count == 0 ? "; no healthy events"
                : $"; {plan.Events.Count} healthy events ({string.Join(", ", plan.Events.GroupBy(e => e.Name).Select(g => $"{g.Key} {g.Count()}"))})";
        }

        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"pumpwatch-sim: {options.Pumps} pumps x {options.Duration} from {options.Start:yyyy-MM-ddTHH:mm:ssZ} every {options.Interval.TotalSeconds:0.###} s, seed {options.Seed}; {faults}{(file is null ? "" : $"; written to {file.FullName}")}")).ConfigureAwait(false);
        return 0;
    }
    catch (SinkFailedException e)
    {
        await Console.Error.WriteLineAsync($"pumpwatch-sim: {e.Message}").ConfigureAwait(false);
        return 1;
    }
    catch (IOException e)
    {
        await Console.Error.WriteLineAsync($"pumpwatch-sim: {e.Message}").ConfigureAwait(false);
        return 1;
    }
    catch (UnauthorizedAccessException e)
    {
        await Console.Error.WriteLineAsync($"pumpwatch-sim: {e.Message}").ConfigureAwait(false);
        return 1;
    }
    catch (OperationCanceledException)
    {
        return 130;
    }
});

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // One line naming the wrong flag or value, not the whole help text.
    var error = parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parsed.Errors[0];
    await Console.Error.WriteLineAsync($"pumpwatch-sim: {error.Message.TrimEnd('.')} (see 'pumpwatch-sim --help')").ConfigureAwait(false);
    return 2;
}

// Ctrl+C cancels the token (the output file is flushed and closed) instead of ending the process on the spot.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(5) }).ConfigureAwait(false);

// A duration with a unit or hh:mm:ss, as pumpwatch reads them: a bare "15" would be fifteen days.
static Option<TimeSpan> Duration(string name, string description, TimeSpan defaultValue) => new(name)
{
    Description = $"{description} ({PumpWatch.Core.Readings.DurationText.Help}; default {defaultValue})",
    DefaultValueFactory = _ => defaultValue,
    CustomParser = result =>
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (PumpWatch.Core.Readings.DurationText.TryParse(text, out var value) && value >= TimeSpan.Zero)
        {
            return value;
        }

        result.AddError($"{name} '{text}' is not {PumpWatch.Core.Readings.DurationText.Help}");
        return default;
    },
};
