using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;

namespace PumpWatch.Aws.Configuration;

/// <summary>
/// Builds the official AWS SDK clients (S3, DynamoDB) from <see cref="AwsClientOptions"/>, as the thin clients are
/// built: region, endpoint override, credentials, attempt timeout and attempt limit come from configuration, never
/// from the SDK's own reading of environment variables or the shared config file.
/// </summary>
public static class OfficialClients
{
    /// <summary>
    /// An S3 client. With an endpoint override (s3rver, MinIO) it addresses buckets by path, since a local server has
    /// no per-bucket host names.
    /// </summary>
    public static AmazonS3Client S3(AwsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config();
        Apply(config, options);
        config.ForcePathStyle = options.ServiceUrl is not null;
        return new AmazonS3Client(options.Credentials, config);
    }

    /// <summary>A DynamoDB client.</summary>
    public static AmazonDynamoDBClient DynamoDb(AwsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonDynamoDBConfig();
        Apply(config, options);
        return new AmazonDynamoDBClient(options.Credentials, config);
    }

    /// <summary>The settings every official client takes from the options.</summary>
    internal static void Apply(ClientConfig config, AwsClientOptions options)
    {
        // Endpoint and region from the options only: AWS_ENDPOINT_URL* in the environment must not redirect a client.
        config.IgnoreConfiguredEndpointUrls = true;
        if (options.ServiceUrl is { } url)
        {
            config.ServiceURL = url.ToString();
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        config.AuthenticationRegion = options.Region;
        // Set explicitly, so AWS_RETRY_MODE / AWS_MAX_ATTEMPTS do not change them behind the configuration's back.
        config.RetryMode = RequestRetryMode.Standard;
        config.MaxErrorRetry = options.MaxAttempts - 1;
        config.Timeout = options.AttemptTimeout;
    }
}
