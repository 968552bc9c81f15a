using System.CommandLine;
using PumpWatch.Cli;
using PumpWatch.Cli.Commands;

// Composition root: the clock and the console are chosen here and passed down.
var time = TimeProvider.System;
var root = new RootCommand("PumpWatch: predictive maintenance for oil pumps on one machine (DuckDB store, console alerts)")
{
    DemoCommand.Create(time),
    TrainCommand.Create(time),
    ScoreCommand.Create(time),
    BacktestCommand.Create(time),
    QueryCommand.Create(),
};
return await CliRun.Invoke(root, args, "pumpwatch").ConfigureAwait(false);
