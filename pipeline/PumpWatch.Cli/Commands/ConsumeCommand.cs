using System.CommandLine;
using PumpWatch.Aws.Configuration;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Kinesis;
using PumpWatch.Cli.Alerts;
using PumpWatch.Cli.Consume;
using PumpWatch.Cli.Store;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Storage;
using PumpWatch.Function;

namespace PumpWatch.Cli.Commands;

/// <summary>
/// <c>pumpwatch consume</c>: the Lambda's window function on this machine, fed from a Kinesis stream by
/// <see cref="KinesisConsumer"/>, with the DuckDB store (checkpointed per shard) and the console as its store and sink.
/// </summary>
internal static class ConsumeCommand
{
    // GetRecords returns at most 10,000 records per call (Kinesis API reference, GetRecords: Limit).
    private const int MaxLimit = 10_000;

    public static Command Create(TimeProvider time, AlertSinkEnvironment sinks, string? kinesisEndpoint)
    {
        var stream = new Option<string>("--stream") { Description = "Kinesis stream to read", Required = true };
        var endpoint = new Option<string?>("--endpoint") { Description = "Kinesis endpoint URL, e.g. http://127.0.0.1:4567 for kinesalite (default: AWS_ENDPOINT_URL_KINESIS, AWS_ENDPOINT_URL, else the region's)" };
        var region = new Option<string?>("--region") { Description = "AWS region (default: AWS_REGION, else AWS_DEFAULT_REGION)" };
        var db = new Option<string>("--db") { Description = "DuckDB file to write (kept: a later run resumes from its checkpoints)", DefaultValueFactory = _ => "pumpwatch-demo.duckdb" };
        var model = new Option<string>("--model") { Description = "Model artifact (file), or a model store folder (its latest model)", Required = true };
        var window = Durations.OptionalOption("--window", "Tumbling window; must equal the model's (default: the model's)");
        var from = new Option<string>("--from") { Description = "Where a shard without a checkpoint starts: trim-horizon (oldest record) or latest", DefaultValueFactory = _ => ConsumeOptions.TrimHorizon };
        from.AcceptOnlyFromAmong(ConsumeOptions.TrimHorizon, ConsumeOptions.Latest);
        var idleExit = Durations.OptionalOption("--idle-exit", "Stop after this long without a record (open windows are read again next run)");
        var untilEmpty = new Option<bool>("--until-empty") { Description = "Stop once every shard is read to its newest record and every window has closed" };
        var limit = new Option<int>("--limit") { Description = $"Records per GetRecords call (1..{MaxLimit})", DefaultValueFactory = _ => MaxLimit };
        var poll = Durations.Option("--poll-interval", "Wait between polls when no shard returned records", TimeSpan.FromSeconds(1));
        var metrics = new Option<bool>("--metrics") { Description = "Also print the function's Embedded Metric Format line per invocation (standard error)" };
        var alerting = new AlertOptions();
        var command = new Command("consume", "Read a Kinesis stream with the Lambda's window function (tumbling windows by arrival time) into DuckDB; resumes from per-shard checkpoints")
        {
            stream, endpoint, region, db, model, window, from, idleExit, untilEmpty, limit, poll, metrics,
        };
        alerting.AddTo(command);
        command.SetAction((parse, cancel) => CliRun.Guard(async () =>
        {
            var modelPath = parse.GetValue(model)!;
            var detector = await LoadModelAsync(modelPath).ConfigureAwait(false);
            var pipeline = ModelPipeline.For(detector)
                ?? throw new UserError($"{modelPath}: model {detector.ModelId} does not record its windows and sensors: train it again with this version");
            var size = pipeline.Windows.Size;
            if (!pipeline.Windows.IsTumbling || size.Ticks % TimeSpan.TicksPerSecond != 0 || size < TimeSpan.FromSeconds(1) || size > TimeSpan.FromSeconds(900))
            {
                throw new UserError($"{modelPath}: model {detector.ModelId} was trained on {ModelInput.Describe(pipeline.Windows)}; consume needs tumbling windows of whole seconds from 1 s to 900 s, as Lambda's TumblingWindowInSeconds");
            }

            if (parse.GetValue(window) is { } asked && asked != size)
            {
                throw new UserError($"--window {asked} differs from model {detector.ModelId}'s {ModelInput.Describe(pipeline.Windows)} ({modelPath}); leave --window out or train with the same window");
            }

            var records = parse.GetValue(limit);
            if (records is < 1 or > MaxLimit)
            {
                throw new UserError($"--limit {records} must be 1..{MaxLimit}");
            }

            var options = new ConsumeOptions(parse.GetValue(stream)!, parse.GetValue(from)!, records, parse.GetValue(poll), parse.GetValue(idleExit), parse.GetValue(untilEmpty));
            if (options.PollInterval < TimeSpan.Zero || options.IdleExit < TimeSpan.Zero)
            {
                throw new UserError("--poll-interval and --idle-exit must not be negative");
            }

            var awsRegion = parse.GetValue(region) ?? sinks.AwsRegion
                ?? throw new UserError("no AWS region: give --region or set AWS_REGION (kinesalite takes any, e.g. --region us-east-1)");
            var url = parse.GetValue(endpoint) ?? kinesisEndpoint;
            Uri? serviceUrl = null;
            if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out serviceUrl) || serviceUrl.Scheme is not ("http" or "https")))
            {
                throw new UserError($"--endpoint '{url}' is not an http or https URL");
            }

            var detection = alerting.Apply(parse, pipeline);
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var clientOptions = new AwsClientOptions(awsRegion, sinks.AwsCredentials()) { ServiceUrl = serviceUrl };
            var kinesis = new KinesisClient(http, clientOptions, new AwsRetryPolicy(clientOptions, sinks.Jitter, timeProvider: time), time);

            var dbPath = parse.GetValue(db)!;
            using var store = new DuckDbStore(dbPath, detection.Features.Names, checkpointed: true);
            var shardStates = new DuckDbShardStateStore(store, time);
            using var alertStates = new DuckDbAlertStateStore(store, time);
            using var sinkFactory = new AlertSinkFactory(sinks);
            var delivery = alerting.Delivery(parse);
            await using var alerts = new FanOutAlertSink(sinkFactory.Open([AlertSinkSpec.Console], delivery, Console.Out, () => { }));
            var log = new FunctionLog(Console.Error, parse.GetValue(metrics));
            var site = delivery.Site ?? "default";
            var function = new KinesisWindowFunction(new FunctionSettings(detection, site), detector, store, alerts, alertStates, shardStates, time, log);
            var consumer = new KinesisConsumer(kinesis, function, store, shardStates, options, awsRegion, size, time, Console.Out);
            await Console.Out.WriteLineAsync($"consuming stream {options.Stream} into {dbPath} with model {detector.ModelId} ({ModelInput.Describe(pipeline.Windows)} tumbling windows by arrival time)").ConfigureAwait(false);
            try
            {
                await consumer.RunAsync(cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                // Ctrl+C: stopped between invocations; every checkpoint made is committed.
            }
            catch (AwsServiceException e)
            {
                throw new UserError($"stream {options.Stream}: {e.Message}");
            }

            await Console.Out.WriteLineAsync($"stopped: {consumer.RecordsRead} records read, {consumer.Checkpoints} windows checkpointed; {consumer.Uncommitted} records after the last checkpoints are read again by the next run").ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    private static async Task<AnomalyModel> LoadModelAsync(string path)
    {
        if (!Directory.Exists(path))
        {
            return ModelFiles.Load(path);
        }

        try
        {
            return (await new FolderModelStore(path).LoadLatestAsync().ConfigureAwait(false)).Model;
        }
        catch (ModelStoreException e)
        {
            throw new UserError($"{path}: {e.Message}");
        }
    }
}
