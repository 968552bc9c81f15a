using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Logging;
using PumpWatch.Aws.Configuration;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Kinesis;
using PumpWatch.Aws.Sns;
using PumpWatch.Aws.Tests.Fakes;
using PumpWatch.Aws.Tests.S3;

namespace PumpWatch.Aws.Tests;

/// <summary>Builds clients for local servers the way a composition root would, with a seeded jitter source and a non-sleeping wait.</summary>
internal static class Clients
{
    public const int JitterSeed = 7;

    public static AwsClientOptions Options(Uri url) =>
        new("us-east-1", new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")) { ServiceUrl = url };

    public static HttpClient Http() => new() { Timeout = Timeout.InfiniteTimeSpan };

    public static KinesisClient Kinesis(HttpClient http, AwsClientOptions options, RecordingDelay? delay = null, ILogger? logger = null) =>
        new(http, options, Retry(options, delay), TimeProvider.System, logger);

    public static SnsClient Sns(HttpClient http, AwsClientOptions options, RecordingDelay? delay = null, ILogger? logger = null) =>
        new(http, options, Retry(options, delay), TimeProvider.System, logger);

    /// <summary>An official S3 client for s3rver, which accepts only its own access key.</summary>
    public static AmazonS3Client S3(Uri url, int maxAttempts = 3) =>
        OfficialClients.S3(Options(url) with
        {
            Credentials = new BasicAWSCredentials(S3rverServer.AccessKey, S3rverServer.SecretKey),
            MaxAttempts = maxAttempts,
        });

    /// <summary>An official DynamoDB client for dynalite or a scripted server.</summary>
    public static AmazonDynamoDBClient DynamoDb(Uri url, int maxAttempts = 3) => OfficialClients.DynamoDb(Options(url) with { MaxAttempts = maxAttempts });

    public static AwsRetryPolicy Retry(AwsClientOptions options, RecordingDelay? delay = null) =>
        new(options, new Random(JitterSeed), (delay ?? new RecordingDelay()).WaitAsync);
}
