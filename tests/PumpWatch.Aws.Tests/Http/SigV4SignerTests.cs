using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Kinesis.Model;
using PumpWatch.Aws.Tests.Fakes;

namespace PumpWatch.Aws.Tests.Http;

public sealed class SigV4SignerTests
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly DateTime SignedAt = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);

    [Fact]
    public void Reference_key_chain_matches_the_AWS_documentation_example()
    {
        // "Deriving the signing key" example in the AWS General Reference (SigV4): 20120215, us-east-1, iam.
        var key = SigV4Reference.SigningKey(Secret, "20120215", "us-east-1", "iam");

        Assert.Equal("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d", SigV4Reference.Hex(key));
    }

    [Fact]
    public void Sign_fixed_request_and_time_gives_the_signature_computed_from_the_spec()
    {
        var body = Encoding.UTF8.GetBytes("""{"StreamName":"pumps"}""");
        var signer = new SigV4Signer("us-east-1", "kinesis");

        var headers = signer.Sign(
            new Uri("https://kinesis.us-east-1.amazonaws.com/"),
            body,
            [new("Content-Type", "application/x-amz-json-1.1"), new("X-Amz-Target", "Kinesis_20131202.DescribeStreamSummary")],
            new ImmutableCredentials(AccessKey, Secret, null),
            SignedAt).ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value);

        var bodyHash = SigV4Reference.Hex(SHA256.HashData(body));
        var expected = SigV4Reference.Signature(
            "POST", "/",
            new Dictionary<string, string>
            {
                ["content-type"] = "application/x-amz-json-1.1",
                ["host"] = "kinesis.us-east-1.amazonaws.com",
                ["x-amz-content-sha256"] = bodyHash,
                ["x-amz-date"] = "20150830T123600Z",
                ["x-amz-target"] = "Kinesis_20131202.DescribeStreamSummary",
            },
            ["content-type", "host", "x-amz-content-sha256", "x-amz-date", "x-amz-target"],
            body, "20150830T123600Z", "us-east-1", "kinesis", Secret);

        Assert.Equal("20150830T123600Z", headers["x-amz-date"]);
        Assert.Equal(bodyHash, headers["x-amz-content-sha256"]);
        Assert.Equal(
            $"AWS4-HMAC-SHA256 Credential={AccessKey}/20150830/us-east-1/kinesis/aws4_request, "
            + $"SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target, Signature={expected}",
            headers["authorization"]);
    }

    [Fact]
    public void Sign_with_session_token_signs_and_sends_X_Amz_Security_Token()
    {
        var signer = new SigV4Signer("eu-west-1", "kinesis");

        var headers = signer.Sign(
            new Uri("https://kinesis.eu-west-1.amazonaws.com/"),
            "{}"u8.ToArray(),
            [new("Content-Type", "application/x-amz-json-1.1"), new("X-Amz-Target", "Kinesis_20131202.ListShards")],
            new ImmutableCredentials(AccessKey, Secret, "session-token-1"),
            SignedAt).ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value);

        Assert.Equal("session-token-1", headers["x-amz-security-token"]);
        var (_, signed, signature) = SigV4Reference.ParseAuthorization(headers["authorization"]);
        Assert.Contains("x-amz-security-token", signed);
        Assert.Equal(
            SigV4Reference.Signature("POST", "/", headers, signed, "{}"u8.ToArray(), "20150830T123600Z", "eu-west-1", "kinesis", Secret),
            signature);
    }

    [Fact]
    public async Task Request_on_the_wire_carries_exactly_the_signed_headers_and_bytes()
    {
        await using var server = FakeAwsServer.Sequence(FakeResponse.Json(200, """{"ShardIterator":"it-1"}"""));
        using var http = Clients.Http();
        var client = Clients.Kinesis(http, Clients.Options(server.Url));

        await client.GetShardIteratorAsync(new GetShardIteratorRequest("shardId-000000000000", ShardIteratorType.TrimHorizon) { StreamName = "pumps" });

        var request = Assert.Single(server.Requests);
        Assert.Equal("application/x-amz-json-1.1", request.Header("content-type")); // no "; charset=utf-8"
        Assert.Equal("Kinesis_20131202.GetShardIterator", request.Header("x-amz-target"));
        Assert.Equal("""{"ShardId":"shardId-000000000000","ShardIteratorType":"TRIM_HORIZON","StreamName":"pumps"}""", request.BodyText);
        var (credential, signed, signature) = SigV4Reference.ParseAuthorization(request.Header("authorization"));
        Assert.EndsWith("/us-east-1/kinesis/aws4_request", credential, StringComparison.Ordinal);
        Assert.Equal(
            SigV4Reference.Signature("POST", "/", request.Headers, signed, request.Body, request.Header("x-amz-date"), "us-east-1", "kinesis", Secret),
            signature);
    }
}
