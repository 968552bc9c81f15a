using System.Text.Json.Nodes;
using PumpWatch.Aws.Http;
using PumpWatch.Aws.Tests.Fakes;

namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>
/// Runs a <see cref="ConformanceCase"/>: our call and the official SDK's, each against a fresh capture server with the
/// same canned answer, then asserts the same requests (<see cref="WireComparison"/>) and the same result: equal
/// outputs as trees (<see cref="ShapeJson"/>), or the same error code, HTTP status, request id and message.
/// </summary>
internal static class Conformance
{
    public static async Task<ConformanceResult<TResponse>> RunAsync<TResponse>(OfficialSdk sdk, ConformanceCase c, Func<Uri, Task<TResponse>> ours)
    {
        TResponse? ourResponse = default;
        AwsServiceException? ourError = null;
        IReadOnlyList<FakeRequest> ourRequests;
        await using (var server = new CaptureServer(c.Canned))
        {
            try
            {
                ourResponse = await ours(server.Url);
            }
            catch (AwsServiceException ex)
            {
                ourError = ex;
            }

            ourRequests = server.Take();
        }

        var (officialRequests, official, _) = await OfficialAsync(sdk, c.Client, c.Command, c.OfficialInput ?? ShapeJson.ToNode(c.Input), c.Canned);

        Assert.True(
            ourRequests.Count == officialRequests.Count,
            $"{c.Command}: ours sent {ourRequests.Count} request(s) ({string.Join(", ", ourRequests.Select(WireComparison.Operation))}), "
            + $"the official SDK {officialRequests.Count} ({string.Join(", ", officialRequests.Select(WireComparison.Operation))})");
        for (var i = 0; i < ourRequests.Count; i++)
        {
            WireComparison.AssertSame(ourRequests[i], officialRequests[i], c.SigningName, c.IgnoredBodyPaths);
        }

        AssertSameResult(c, ourResponse, ourError, official);
        return new ConformanceResult<TResponse>(ourRequests, officialRequests, ourResponse, ourError, official);
    }

    /// <summary>
    /// Only the official SDK's side of a case: what it sent for <paramref name="input"/> and what it made of
    /// <paramref name="canned"/>. For services whose C# client is not written yet, and for pinning the SDK's own behaviour.
    /// Address is the capture server's host:port, the address its DescribeEndpoints answer named.
    /// </summary>
    public static async Task<(IReadOnlyList<FakeRequest> Requests, OfficialSdkOutcome Outcome, string Address)> OfficialAsync(
        OfficialSdk sdk, string client, string command, JsonNode? input, FakeResponse canned)
    {
        await using var server = new CaptureServer(canned);
        var outcome = await sdk.SendAsync(client, command, input, server.Url);
        return (server.Take(), outcome, server.Address);
    }

    private static void AssertSameResult<TResponse>(ConformanceCase c, TResponse? ourResponse, AwsServiceException? ourError, OfficialSdkOutcome official)
    {
        if (official.Error is { } expected)
        {
            Assert.True(ourError is not null, $"{c.Command}: the official SDK raised {expected.Code} ({expected.HttpStatusCode}), ours returned {ShapeJson.ToNode(ourResponse)?.ToJsonString()}");
            Assert.Equal(expected.Code, ourError.ErrorCode);
            Assert.Equal(expected.HttpStatusCode, (int)ourError.StatusCode);
            Assert.Equal(expected.RequestId, ourError.RequestId);
            // The JS SDK says "UnknownError" when the body carries no message; ours then has none to show.
            if (expected.Message != "UnknownError")
            {
                Assert.Contains($"{expected.Code}: {expected.Message} (request id", ourError.Message, StringComparison.Ordinal);
            }

            return;
        }

        Assert.True(ourError is null, $"{c.Command}: ours threw {ourError?.Message}, the official SDK returned {official.Output?.ToJsonString()}");
        var differences = JsonTree.Differences(official.Output, ShapeJson.ToNode(ourResponse), c.IgnoredOutputPaths.Keys);
        Assert.True(
            differences.Count == 0,
            $"{c.Command}: outputs differ (expected: official SDK, got: ours):\n  {string.Join("\n  ", differences)}");
    }
}
