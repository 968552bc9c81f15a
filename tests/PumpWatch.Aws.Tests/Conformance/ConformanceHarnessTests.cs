using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Tests.Fakes;
using Xunit.Sdk;

namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>The comparisons the conformance cases rely on, shown to tell equal from different (hand-made inputs).</summary>
public sealed class ConformanceHarnessTests
{
    [Fact]
    public void JsonTree_numbers_compare_by_value_and_a_null_member_counts_as_absent()
    {
        var differences = JsonTree.Differences(
            JsonNode.Parse("""{"t":1.767225600123E9,"n":null,"a":[1,2.50],"s":"x"}"""),
            JsonNode.Parse("""{"s":"x","a":[1.0,2.5],"t":1767225600.123}"""));

        Assert.Empty(differences);
    }

    [Fact]
    public void JsonTree_reports_order_type_and_missing_member_differences_by_path()
    {
        var differences = JsonTree.Differences(
            JsonNode.Parse("""{"a":[1,2],"b":"1","c":{"d":true}}"""),
            JsonNode.Parse("""{"a":[2,1],"b":1,"c":{}}"""));

        Assert.Equal(["$.a[0]: expected 1, got 2", "$.a[1]: expected 2, got 1", "$.b: expected \"1\", got 1", "$.c.d: expected true, got (absent)"], differences);
    }

    [Fact]
    public void JsonTree_ignored_path_covers_every_index_and_what_is_below_but_no_longer_name()
    {
        var differences = JsonTree.Differences(
            JsonNode.Parse("""{"R":[{"X":1,"XY":1},{"X":{"deep":1}}]}"""),
            JsonNode.Parse("""{"R":[{"X":2,"XY":2},{"X":{"deep":2}}]}"""),
            ["$.R[*].X"]);

        Assert.Equal(["$.R[0].XY: expected 1, got 2"], differences);
    }

    [Fact]
    public void FormBody_compares_decoded_pairs_in_any_order_and_counts_repeats()
    {
        Assert.Empty(FormBody.Differences("a=b%20c&d=%C3%BC&e="u8.ToArray(), "e=&d=%c3%bc&a=b+c"u8.ToArray()));
        Assert.Equal(["missing a=1"], FormBody.Differences("a=1&a=1"u8.ToArray(), "a=1"u8.ToArray()));
        Assert.Equal(["missing x=1", "extra x=2"], FormBody.Differences("x=1"u8.ToArray(), "x=2"u8.ToArray()));
    }

    private static FakeRequest SignedRequest(byte[] body)
    {
        var signer = new SigV4Signer(ConformanceCredentials.Region, "kinesis");
        var credentials = new ImmutableCredentials(ConformanceCredentials.AccessKey, ConformanceCredentials.SecretKey, ConformanceCredentials.SessionToken);
        var headers = signer.Sign(
            new Uri("http://127.0.0.1:8080/"),
            body,
            [new("Content-Type", "application/x-amz-json-1.1"), new("X-Amz-Target", "Kinesis_20131202.ListShards")],
            credentials,
            new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        return new FakeRequest("POST", "/", headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value), body);
    }

    [Fact]
    public void Signature_check_accepts_a_signed_request_and_rejects_a_changed_body_or_signed_header()
    {
        var body = Encoding.UTF8.GetBytes("""{"StreamName":"pumps"}""");
        var request = SignedRequest(body);
        WireComparison.AssertSignatureVerifies(request, "kinesis", "ours");

        var changedBody = request with { Body = Encoding.UTF8.GetBytes("""{"StreamName":"pumpz"}""") };
        var changedTarget = request with { Headers = new Dictionary<string, string>(request.Headers) { ["x-amz-target"] = "Kinesis_20131202.DeleteStream" } };

        Assert.ThrowsAny<XunitException>(() => WireComparison.AssertSignatureVerifies(changedBody, "kinesis", "ours"));
        Assert.ThrowsAny<XunitException>(() => WireComparison.AssertSignatureVerifies(changedTarget, "kinesis", "ours"));
        Assert.ThrowsAny<XunitException>(() => WireComparison.AssertSignatureVerifies(request, "timestream", "ours"));
    }
}
