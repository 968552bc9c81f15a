using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using PumpWatch.Aws.Configuration;

namespace PumpWatch.Aws.Tests.Configuration;

/// <summary>The official clients take endpoint, region, attempts and timeout from the options, whatever the environment says.</summary>
public sealed class OfficialClientsTests
{
    private static AwsClientOptions Options(Uri? url) =>
        Clients.Options(new Uri("http://127.0.0.1:1/")) with { ServiceUrl = url, MaxAttempts = 4, AttemptTimeout = TimeSpan.FromSeconds(7) };

    private static void AssertCommon(IClientConfig config)
    {
        Assert.Equal("us-east-1", config.AuthenticationRegion);
        Assert.Equal(RequestRetryMode.Standard, config.RetryMode);
        Assert.Equal(3, config.MaxErrorRetry);
        Assert.Equal(TimeSpan.FromSeconds(7), config.Timeout);
        Assert.True(config.IgnoreConfiguredEndpointUrls);
    }

    [Fact]
    public void With_an_endpoint_override_S3_goes_there_with_path_style_addressing()
    {
        using var s3 = OfficialClients.S3(Options(new Uri("http://127.0.0.1:4569/")));
        var config = (AmazonS3Config)s3.Config;

        Assert.Equal("http://127.0.0.1:4569/", config.ServiceURL);
        Assert.True(config.ForcePathStyle);
        AssertCommon(config);
    }

    [Fact]
    public void Without_an_override_S3_uses_the_region_and_virtual_host_addressing()
    {
        using var s3 = OfficialClients.S3(Options(null) with { Region = "eu-west-1" });
        var config = (AmazonS3Config)s3.Config;

        Assert.Equal(RegionEndpoint.EUWest1, config.RegionEndpoint);
        Assert.Null(config.ServiceURL);
        Assert.False(config.ForcePathStyle);
        Assert.Equal("eu-west-1", config.AuthenticationRegion);
    }

    [Fact]
    public void DynamoDb_takes_the_same_settings()
    {
        using var dynamo = OfficialClients.DynamoDb(Options(new Uri("http://127.0.0.1:8000/")));
        var config = (AmazonDynamoDBConfig)dynamo.Config;

        Assert.Equal("http://127.0.0.1:8000/", config.ServiceURL);
        AssertCommon(config);
    }
}
