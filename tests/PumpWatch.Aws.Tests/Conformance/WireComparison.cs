using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PumpWatch.Aws.Tests.Fakes;
using PumpWatch.Aws.Tests.Http;

namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>
/// What "the same request" means between our client and the official SDK: method, path, operation (X-Amz-Target, or
/// the form's Action), Content-Type, the set of signed headers (less <see cref="SdkOnlySignedHeaders"/>), and bodies
/// that mean the same (<see cref="JsonTree"/>, <see cref="FormBody"/>); and, for each request alone, a signature that
/// verifies under SigV4 as the spec defines it (<see cref="SigV4Reference"/>, independent of both SDKs).
/// </summary>
internal static class WireComparison
{
    public const string JsonContentTypePrefix = "application/x-amz-json-";
    public const string FormContentType = "application/x-www-form-urlencoded";

    /// <param name="ours">The request our client sent.</param>
    /// <param name="official">The request the official SDK sent for the same input.</param>
    /// <param name="signingName">The service's SigV4 name, for the credential scope.</param>
    /// <param name="ignoredBodyPaths">JSON body paths allowed to differ, each with the reason (see the case).</param>
    public static void AssertSame(FakeRequest ours, FakeRequest official, string signingName, IReadOnlyDictionary<string, string>? ignoredBodyPaths = null)
    {
        Assert.Equal(official.Method, ours.Method);
        Assert.Equal(official.Path, ours.Path);
        Assert.Equal(Operation(official), Operation(ours));
        Assert.Equal(official.Header("content-type"), ours.Header("content-type"));

        var ourSigned = SignedHeaders(ours).ToHashSet(StringComparer.Ordinal);
        var officialSigned = SignedHeaders(official).Where(h => !SdkOnlySignedHeaders.Reasons.ContainsKey(h)).ToHashSet(StringComparer.Ordinal);
        Assert.True(
            ourSigned.SetEquals(officialSigned),
            $"signed headers differ: ours only [{string.Join(", ", ourSigned.Except(officialSigned))}], official SDK only [{string.Join(", ", officialSigned.Except(ourSigned))}]");

        var differences = BodyDifferences(official, ours, ignoredBodyPaths);
        Assert.True(differences.Count == 0, $"{Operation(ours)} bodies differ (expected: official SDK, got: ours):\n  {string.Join("\n  ", differences)}\nours:     {ours.BodyText}\nofficial: {official.BodyText}");

        AssertSignatureVerifies(ours, signingName, "ours");
        AssertSignatureVerifies(official, signingName, "official SDK");
    }

    /// <summary>X-Amz-Target for the JSON protocols, the form's Action for the query protocol.</summary>
    public static string Operation(FakeRequest request)
    {
        var target = request.Header("x-amz-target");
        if (target.Length > 0)
        {
            return target;
        }

        return request.Header("content-type").StartsWith(FormContentType, StringComparison.Ordinal)
            ? "Action=" + FormBody.Pairs(request.Body).FirstOrDefault(p => p.Key == "Action").Value
            : "(none)";
    }

    public static IReadOnlyList<string> SignedHeaders(FakeRequest request) =>
        SigV4Reference.ParseAuthorization(request.Header("authorization")).SignedHeaders;

    public static IReadOnlyList<string> BodyDifferences(FakeRequest expected, FakeRequest actual, IReadOnlyDictionary<string, string>? ignoredBodyPaths = null)
    {
        var type = expected.Header("content-type");
        if (type.StartsWith(JsonContentTypePrefix, StringComparison.Ordinal))
        {
            return JsonTree.Differences(JsonNode.Parse(expected.Body), JsonNode.Parse(actual.Body), ignoredBodyPaths?.Keys);
        }

        if (type.StartsWith(FormContentType, StringComparison.Ordinal))
        {
            return FormBody.Differences(expected.Body, actual.Body);
        }

        return expected.Body.AsSpan().SequenceEqual(actual.Body) ? [] : [$"bodies of type '{type}' differ byte for byte"];
    }

    /// <summary>
    /// The credential scope names our access key, the day of X-Amz-Date, the region and the signing name; the session
    /// token and the payload hash are sent as signed; every signed header is on the wire; the signature is the one SigV4
    /// gives for exactly these headers and bytes.
    /// </summary>
    public static void AssertSignatureVerifies(FakeRequest request, string signingName, string who)
    {
        var (credential, signed, signature) = SigV4Reference.ParseAuthorization(request.Header("authorization"));
        var amzDate = request.Header("x-amz-date");
        Assert.True(
            DateTime.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _),
            $"{who}: X-Amz-Date '{amzDate}' is not yyyyMMddTHHmmssZ");
        Assert.Equal($"{ConformanceCredentials.AccessKey}/{amzDate[..8]}/{ConformanceCredentials.Region}/{signingName}/aws4_request", credential);
        Assert.Equal(ConformanceCredentials.SessionToken, request.Header("x-amz-security-token"));
        Assert.Contains("x-amz-security-token", signed);
        Assert.Contains("host", signed);
        Assert.Contains("x-amz-date", signed);
        var missing = signed.Where(h => !request.Headers.ContainsKey(h)).ToList();
        Assert.True(missing.Count == 0, $"{who}: signed headers not on the wire: {string.Join(", ", missing)}");
        if (request.Headers.TryGetValue("x-amz-content-sha256", out var payloadHash))
        {
            Assert.Equal(SigV4Reference.Hex(SHA256.HashData(request.Body)), payloadHash);
        }

        var expected = SigV4Reference.Signature(
            request.Method, request.Path, request.Headers, signed, request.Body, amzDate,
            ConformanceCredentials.Region, signingName, ConformanceCredentials.SecretKey);
        Assert.True(expected == signature, $"{who}: the signature does not verify for {Operation(request)} (expected {expected}, sent {signature})");
    }
}
