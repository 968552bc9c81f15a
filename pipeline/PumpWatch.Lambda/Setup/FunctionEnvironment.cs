using System.Globalization;
using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using PumpWatch.Aws.Configuration;
using PumpWatch.Aws.DynamoDb;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.S3;
using PumpWatch.Aws.Sns;
using PumpWatch.Aws.Timestream.Store;
using PumpWatch.Aws.Timestream.Write;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Function;
using PumpWatch.Lambda.Runtime;

namespace PumpWatch.Lambda.Setup;

/// <summary>
/// Builds the production function from its settings (environment variables, read by Program.cs and passed in as a
/// lookup): the model from S3 or a bundled file, Timestream for the store, SNS for alerts, DynamoDB for alert and shard
/// state. Every missing or bad setting is a <see cref="FunctionConfigurationException"/> naming it, so Lambda reports an
/// init error instead of failing every invocation.
/// </summary>
internal static class FunctionEnvironment
{
    public const string Model = "PUMPWATCH_MODEL";
    public const string TumblingWindowSeconds = "PUMPWATCH_TUMBLING_WINDOW_SECONDS";
    public const string TimestreamDatabase = "PUMPWATCH_TIMESTREAM_DATABASE";
    public const string AlertTopicArn = "PUMPWATCH_ALERT_TOPIC_ARN";
    public const string AlertStateTableName = "PUMPWATCH_ALERT_STATE_TABLE";
    public const string ShardStateTableName = "PUMPWATCH_SHARD_STATE_TABLE";
    public const string Site = "PUMPWATCH_SITE";
    public const string Region = "AWS_REGION";

    /// <summary>Optional endpoint overrides (local servers): the variables the AWS SDKs read.</summary>
    public const string EndpointUrl = "AWS_ENDPOINT_URL";

    public static async Task<KinesisWindowFunction> CreateAsync(Func<string, string?> setting, HttpClient http, TimeProvider time, Random random, TextWriter log, CancellationToken cancel)
    {
        string Required(string name) => setting(name) is { Length: > 0 } value ? value
            : throw new FunctionConfigurationException($"{name} is not set (see README, \"Lambda host\")");
        Uri? Endpoint(string service) => (setting($"{EndpointUrl}_{service}") ?? setting(EndpointUrl)) is { Length: > 0 } url
            ? Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : throw new FunctionConfigurationException($"{EndpointUrl}_{service} '{url}' is not an absolute URL")
            : null;
        AwsClientOptions Client(string service) => new(Required(Region), AwsCredentialChain.Resolve()) { ServiceUrl = Endpoint(service) };

        var model = await LoadModelAsync(Required(Model), () => Client("S3"), cancel).ConfigureAwait(false);
        var options = PipelineFor(model);
        var tumbling = Required(TumblingWindowSeconds);
        if (!int.TryParse(tumbling, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 900)
        {
            throw new FunctionConfigurationException($"{TumblingWindowSeconds} is '{tumbling}': whole seconds from 1 to 900 (the event source mapping's TumblingWindowInSeconds)");
        }

        if (TimeSpan.FromSeconds(seconds) != options.Windows.Size || !options.Windows.IsTumbling)
        {
            throw new FunctionConfigurationException(
                $"the event source mapping's TumblingWindowInSeconds is {seconds} s, but model {model.ModelId} was trained on {ModelInput.Describe(options.Windows)}: deploy them with the same window");
        }

        await log.WriteLineAsync($"model {model.ModelId}: {ModelInput.Describe(options.Windows)}, {model.Features.Count} features").ConfigureAwait(false);
        var site = setting(Site) is { Length: > 0 } s ? s : "default";
        var timestream = Client("TIMESTREAM_WRITE");
        var store = new TimestreamResultWriter(
            new TimestreamWriteClient(http, timestream, new AwsRetryPolicy(timestream, random), time, NullLogger.Instance),
            new TimestreamStoreOptions(Required(TimestreamDatabase)) { Site = site }, options.Features.Names, time);
        var snsOptions = Client("SNS");
        var alerts = new SnsAlertSink(new SnsClient(http, snsOptions, new AwsRetryPolicy(snsOptions, random), time), Required(AlertTopicArn), site);
        var dynamo = OfficialClients.DynamoDb(Client("DYNAMODB"));
        var dynamoRetry = new AwsRetryPolicy(Client("DYNAMODB"), random);
        var alertStates = new DynamoDbAlertStateStore(dynamo, Checked(new DynamoDbAlertStateOptions(Required(AlertStateTableName))), dynamoRetry, time);
        var shardStates = new DynamoDbShardStateStore(dynamo, new DynamoDbShardStateOptions(Required(ShardStateTableName)), time);
        return new KinesisWindowFunction(new FunctionSettings(options, site), model, store, alerts, alertStates, shardStates, time, log);
    }

    private static DynamoDbAlertStateOptions Checked(DynamoDbAlertStateOptions options) =>
        options.Problem() is { } problem ? throw new FunctionConfigurationException($"{AlertStateTableName}: {problem}") : options;

    /// <summary>The pipeline a model scores under (<see cref="ModelPipeline"/>); a model without its input settings is an init error.</summary>
    internal static PipelineOptions PipelineFor(AnomalyModel model) => ModelPipeline.For(model)
        ?? throw new FunctionConfigurationException($"model {model.ModelId} does not record its windows and sensors: train it again with this version");

    // s3://bucket/prefix loads the store's latest model; anything else is a file bundled with the function (no S3
    // client, so no credentials, are needed for it: the window check after it comes first).
    private static async Task<AnomalyModel> LoadModelAsync(string where, Func<AwsClientOptions> s3, CancellationToken cancel)
    {
        if (where.StartsWith("s3://", StringComparison.Ordinal))
        {
            var rest = where["s3://".Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var options = slash < 0 ? new S3ModelStoreOptions(rest) : new S3ModelStoreOptions(rest[..slash], rest[(slash + 1)..]);
            if (options.Problem() is { } problem)
            {
                throw new FunctionConfigurationException($"{Model} '{where}': {problem}");
            }

            try
            {
                return (await new S3ModelStore(OfficialClients.S3(s3()), options).LoadLatestAsync(cancel).ConfigureAwait(false)).Model;
            }
            catch (Core.Storage.ModelStoreException e)
            {
                throw new FunctionConfigurationException($"{Model} '{where}': {e.Message}");
            }
        }

        try
        {
            return ModelArtifact.FromJson(await File.ReadAllTextAsync(where, cancel).ConfigureAwait(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ModelMismatchException)
        {
            throw new FunctionConfigurationException($"{Model} '{where}': {e.Message}");
        }
    }
}
