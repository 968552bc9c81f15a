using System.CommandLine;
using PumpWatch.Aws.Configuration;
using PumpWatch.Cli;
using PumpWatch.Cli.Alerts;
using PumpWatch.Cli.Commands;
using PumpWatch.Cli.Input;

// Composition root: the clock, the console, how the user ran us and the AWS environment are chosen here and passed down.
var time = TimeProvider.System;
var invocation = Invocation.Detect(Environment.ProcessPath, AppContext.BaseDirectory, Environment.CurrentDirectory, Environment.GetEnvironmentVariable("PATH"));
// Retry jitter exists to spread clients apart, so here it is seeded by the system; tests pass a fixed seed.
var sinks = new AlertSinkEnvironment(
    Variable("AWS_REGION") ?? Variable("AWS_DEFAULT_REGION"),
    Variable("AWS_ENDPOINT_URL_SNS") ?? Variable("AWS_ENDPOINT_URL"),
    AwsCredentialChain.Resolve,
    new Random(),
    time);
var timestream = new TimestreamEnvironment(
    Variable("AWS_REGION") ?? Variable("AWS_DEFAULT_REGION"),
    Variable("AWS_ENDPOINT_URL_TIMESTREAM_QUERY") ?? Variable("AWS_ENDPOINT_URL"),
    Variable("AWS_ENABLE_ENDPOINT_DISCOVERY"),
    AwsCredentialChain.Resolve,
    new Random(),
    time);
var root = new RootCommand("PumpWatch: predictive maintenance for oil pumps on one machine (DuckDB store, console alerts)")
{
    DemoCommand.Create(time, invocation, sinks),
    TrainCommand.Create(time, invocation, timestream),
    ScoreCommand.Create(time),
    BacktestCommand.Create(time, sinks, timestream),
    EvaluateCommand.Create(time),
    QueryCommand.Create(invocation),
    DashboardCommand.Create(),
    ConsumeCommand.Create(time, sinks, Variable("AWS_ENDPOINT_URL_KINESIS") ?? Variable("AWS_ENDPOINT_URL")),
    SiteConfig.Option,
};
return await CliRun.Invoke(root, args, "pumpwatch").ConfigureAwait(false);

// An empty variable counts as unset, so that one can be cleared for a single run (VAR= pumpwatch ...).
static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
