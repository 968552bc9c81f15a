using System.Security.Cryptography;
using System.Text;

namespace PumpWatch.Aws.Tests.Http;

/// <summary>
/// SigV4 written from the specification ("Create a signed AWS API request", AWS IAM user guide), independent of
/// AWSSDK.Core: canonical request, string to sign, HMAC-SHA256 key chain. For requests with path "/" and no query.
/// </summary>
internal static class SigV4Reference
{
    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    public static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    public static byte[] SigningKey(string secret, string date, string region, string service)
    {
        var kDate = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), date);
        var kRegion = Hmac(kDate, region);
        var kService = Hmac(kRegion, service);
        return Hmac(kService, "aws4_request");
    }

    /// <summary>The signature over <paramref name="headers"/> (names lower case, values trimmed) named in <paramref name="signedHeaders"/>.</summary>
    public static string Signature(
        string method, string path, IReadOnlyDictionary<string, string> headers, IReadOnlyList<string> signedHeaders,
        byte[] body, string amzDate, string region, string service, string secret)
    {
        var sorted = signedHeaders.Select(h => h.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList();
        var canonical = new StringBuilder()
            .Append(method).Append('\n')
            .Append(path).Append('\n')
            .Append('\n'); // empty query string
        foreach (var name in sorted)
        {
            canonical.Append(name).Append(':').Append(headers[name].Trim()).Append('\n');
        }

        canonical.Append('\n')
            .Append(string.Join(';', sorted)).Append('\n')
            .Append(Hex(SHA256.HashData(body)));

        var date = amzDate[..8];
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        return Hex(Hmac(SigningKey(secret, date, region, service), stringToSign));
    }

    /// <summary>Splits "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=a;b, Signature=..." into its parts.</summary>
    public static (string Credential, string[] SignedHeaders, string Signature) ParseAuthorization(string header)
    {
        Assert.StartsWith("AWS4-HMAC-SHA256 ", header, StringComparison.Ordinal);
        var parts = header["AWS4-HMAC-SHA256 ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);
        return (parts["Credential"], parts["SignedHeaders"].Split(';'), parts["Signature"]);
    }
}
