using Amazon.Runtime;

namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>
/// The dummy temporary credentials and region both clients sign with. A session token, so that both must send and
/// sign X-Amz-Security-Token. The Node script gets them with every call, so they are written only here.
/// </summary>
internal static class ConformanceCredentials
{
    public const string Region = "us-east-1";
    public const string AccessKey = "AKIDCONFORMANCE";
    public const string SecretKey = "conformance/secret+KEY";
    public const string SessionToken = "conformance-session-token/with+slash=";

    public static AWSCredentials Aws() => new SessionAWSCredentials(AccessKey, SecretKey, SessionToken);
}
