namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>
/// Headers the official JavaScript SDK adds and signs for its own reasons, none of them part of a service's API
/// (the service models name no such member), left out when the two clients' SignedHeaders are compared.
/// Everything else either client signs must be signed by the other too.
/// </summary>
internal static class SdkOnlySignedHeaders
{
    public static readonly IReadOnlyDictionary<string, string> Reasons = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["amz-sdk-invocation-id"] = "the JS SDK's id for one call across its retries, for AWS-side tracing; optional",
        ["amz-sdk-request"] = "the JS SDK's attempt counter (attempt=1; max=1) for its retry quota; optional",
        ["x-amz-user-agent"] = "the JS SDK names itself here because browsers forbid setting User-Agent; optional",
        ["content-length"] = "the JS signer signs it, AWSSDK.Core's signer never does (both send it); SigV4 requires only host and x-amz-date",
    };
}
