using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace PumpWatch.Aws.Http;

/// <summary>
/// The smallest <see cref="ClientConfig"/> that <c>AWS4Signer</c> accepts: it only reads the signing region
/// and service name from it. Endpoint resolution stays ours, hence the throwing override.
/// </summary>
internal sealed class SigningClientConfig : ClientConfig
{
    private static readonly IDefaultConfigurationProvider Defaults = new DefaultConfigurationProvider(
        [new DefaultConfiguration { Name = DefaultConfigurationMode.Standard, RetryMode = RequestRetryMode.Standard }]);

    private readonly string _serviceName;

    public SigningClientConfig(string region, string signingName)
        : base(Defaults)
    {
        _serviceName = signingName;
        AuthenticationRegion = region;
        AuthenticationServiceName = signingName;
    }

    public override string ServiceVersion => "signing-only";

    public override string UserAgent => "PumpWatch.Aws";

    public override string RegionEndpointServiceName => _serviceName;

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
        throw new NotSupportedException("PumpWatch.Aws resolves endpoints itself; this configuration only signs.");
}
