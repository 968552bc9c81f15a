using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace PumpWatch.Aws.Configuration;

/// <summary>The AWS SDK's default credential chain (environment, profile, SSO, container, instance), for the composition root.</summary>
public static class AwsCredentialChain
{
    /// <summary>
    /// Resolves credentials the way every AWS SDK does. Without any configured, the chain probes the EC2
    /// metadata address: tests set <c>AWS_EC2_METADATA_DISABLED=true</c> or pass their own credentials.
    /// </summary>
    public static AWSCredentials Resolve() => DefaultAWSCredentialsIdentityResolver.GetCredentials();
}
