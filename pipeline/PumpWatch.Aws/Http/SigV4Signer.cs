using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace PumpWatch.Aws.Http;

/// <summary>
/// Signs one JSON POST with AWSSDK.Core's SigV4 signer (<see cref="AWS4Signer"/> over a <see cref="DefaultRequest"/>)
/// at a time the caller gives, and returns every header that was signed, so the sender can put exactly those
/// headers and bytes on the wire.
/// </summary>
internal sealed class SigV4Signer
{
    private readonly AWS4Signer _signer = new(signPayload: true);
    private readonly SigningClientConfig _config;

    public SigV4Signer(string region, string signingName)
    {
        _config = new SigningClientConfig(region, signingName);
    }

    /// <summary>
    /// Signs <paramref name="body"/> for <paramref name="endpoint"/>. <paramref name="headers"/> are the
    /// request's own headers (Content-Type, X-Amz-Target); the result adds host, X-Amz-Date,
    /// X-Amz-Content-SHA256, X-Amz-Security-Token (temporary credentials) and Authorization.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Sign(
        Uri endpoint,
        byte[] body,
        IEnumerable<KeyValuePair<string, string>> headers,
        ImmutableCredentials credentials,
        DateTime signedAtUtc)
    {
        using var request = new DefaultRequest(new SignedCall(), _config.RegionEndpointServiceName)
        {
            HttpMethod = "POST",
            Endpoint = new Uri(endpoint.GetLeftPart(UriPartial.Authority)),
            ResourcePath = string.IsNullOrEmpty(endpoint.AbsolutePath) ? "/" : endpoint.AbsolutePath,
            Content = body,
        };
        foreach (var (name, value) in headers)
        {
            request.Headers[name] = value;
        }

        // The token is part of the signature, so it must be in the headers before signing.
        if (credentials.UseToken)
        {
            request.Headers["X-Amz-Security-Token"] = credentials.Token;
        }

        var result = _signer.SignRequest(request, _config, metrics: null, credentials.AccessKey, credentials.SecretKey, signedAtUtc);
        request.Headers["Authorization"] = result.ForAuthorizationHeader;
        return [.. request.Headers];
    }

    /// <summary>DefaultRequest wants the SDK's request object; ours carries nothing.</summary>
    private sealed class SignedCall : AmazonWebServiceRequest
    {
    }
}
