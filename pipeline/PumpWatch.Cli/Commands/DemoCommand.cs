using System.CommandLine;
using PumpWatch.Cli.Alerts;
using PumpWatch.Cli.Demo;
using PumpWatch.Core.Processing;

namespace PumpWatch.Cli.Commands;

/// <summary><c>pumpwatch demo</c>: the whole loop on simulated pumps.</summary>
internal static class DemoCommand
{
    public static Command Create(TimeProvider time, Invocation invocation, AlertSinkEnvironment sinks)
    {
        var pumps = new Option<int>("--pumps") { Description = "Simulated pumps", DefaultValueFactory = _ => 5 };
        var duration = Durations.Option("--duration", "Simulated time to run", TimeSpan.FromHours(8));
        var warmup = Durations.Option("--warmup", "Healthy warm-up to train on when no --model is given", TimeSpan.FromHours(3));
        var speed = new Option<double>("--speed") { Description = "Times real time; 0 = as fast as possible", DefaultValueFactory = _ => 600 };
        var seed = new Option<int>("--seed") { Description = "Simulator and forest seed", DefaultValueFactory = _ => 1 };
        var malformed = new Option<double>("--malformed-rate") { Description = "Share of malformed messages", DefaultValueFactory = _ => 0.001 };
        var db = new Option<string>("--db") { Description = "DuckDB file to write (replaced)", DefaultValueFactory = _ => "pumpwatch-demo.duckdb" };
        var model = new Option<string?>("--model") { Description = "Model artifact to score with (skips the warm-up training)" };
        var summary = new Option<string?>("--summary-json") { Description = "Also write the summary as JSON to this file" };
        var port = DashboardCommand.PortOption();
        var noDashboard = new Option<bool>("--no-dashboard") { Description = "Do not serve the live dashboard page" };
        var alerting = new AlertOptions();
        var command = new Command("demo", "Simulated pumps with injected faults, streamed through the detector into DuckDB; prints alerts and a detection summary")
        {
            pumps, duration, warmup, speed, seed, malformed, db, model, summary, port, noDashboard,
        };
        alerting.AddTo(command);
        command.SetAction((parse, cancel) => CliRun.Guard(async () =>
        {
            var start = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
            var options = new DemoOptions(parse.GetValue(pumps), parse.GetValue(duration), parse.GetValue(warmup), parse.GetValue(speed),
                parse.GetValue(seed), parse.GetValue(malformed), parse.GetValue(db)!, parse.GetValue(model), parse.GetValue(summary), start)
            {
                Detection = alerting.Apply(parse, PipelineOptions.Default),
                AlertSinks = alerting.Delivery(parse),
                DashboardPort = parse.GetValue(noDashboard) ? null : DashboardCommand.Port(parse, port),
            };
            if (options.Problem() is { } problem)
            {
                throw new UserError(problem);
            }

            return await new DemoRunner(options, Console.Out, Console.Error, time, !Console.IsOutputRedirected, invocation, sinks).RunAsync(cancel).ConfigureAwait(false);
        }));
        return command;
    }
}
