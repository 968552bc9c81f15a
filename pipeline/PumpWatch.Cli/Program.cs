using System.CommandLine;
using PumpWatch.Cli;
using PumpWatch.Cli.Commands;

// Composition root: the clock, the console and how the user ran us are chosen here and passed down.
var time = TimeProvider.System;
var invocation = Invocation.Detect(Environment.ProcessPath, AppContext.BaseDirectory, Environment.CurrentDirectory, Environment.GetEnvironmentVariable("PATH"));
var root = new RootCommand("PumpWatch: predictive maintenance for oil pumps on one machine (DuckDB store, console alerts)")
{
    DemoCommand.Create(time, invocation),
    TrainCommand.Create(time, invocation),
    ScoreCommand.Create(time),
    BacktestCommand.Create(time),
    QueryCommand.Create(invocation),
    DashboardCommand.Create(),
    SiteConfig.Option,
};
return await CliRun.Invoke(root, args, "pumpwatch").ConfigureAwait(false);
