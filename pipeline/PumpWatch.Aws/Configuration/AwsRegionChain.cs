using Amazon.Runtime;

namespace PumpWatch.Aws.Configuration;

/// <summary>The AWS SDK's region lookup (AWS_REGION, AWS_DEFAULT_REGION, the profile, instance metadata), for the composition root.</summary>
public static class AwsRegionChain
{
    /// <summary>The configured region's name (<c>eu-west-1</c>), or null when nothing names one.</summary>
    public static string? Resolve() => FallbackRegionFactory.GetRegionEndpoint()?.SystemName;
}
