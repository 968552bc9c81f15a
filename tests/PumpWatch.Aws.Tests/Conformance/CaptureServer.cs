using System.Text.Json.Nodes;
using PumpWatch.Aws.Tests.Fakes;

namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>
/// The capture server of one conformance case: a <see cref="FakeAwsServer"/> (127.0.0.1, a free port) that keeps every
/// request and answers each with the case's canned response, except DescribeEndpoints (Timestream's endpoint
/// discovery), which it answers with its own address so the operation that follows comes back here too.
/// </summary>
internal sealed class CaptureServer : IAsyncDisposable
{
    private readonly FakeAwsServer _server;
    private readonly FakeResponse _canned;

    public CaptureServer(FakeResponse canned)
    {
        _canned = canned;
        _server = new FakeAwsServer((request, _) => Answer(request));
    }

    public Uri Url => _server.Url;

    /// <summary>Host and port, as DescribeEndpoints names an address (the service gives a host name without scheme).</summary>
    public string Address => _server.Url.Authority;

    /// <summary>Requests received since the last call, oldest first, and forgets them.</summary>
    public IReadOnlyList<FakeRequest> Take()
    {
        var taken = new List<FakeRequest>();
        while (_server.Requests.TryDequeue(out var request))
        {
            taken.Add(request);
        }

        return taken;
    }

    public static bool IsDescribeEndpoints(FakeRequest request) =>
        request.Header("x-amz-target").EndsWith(".DescribeEndpoints", StringComparison.Ordinal);

    private FakeResponse Answer(FakeRequest request)
    {
        if (!IsDescribeEndpoints(request))
        {
            return _canned;
        }

        // DescribeEndpointsResponse (timestream-write and -query 2018-11-01): Endpoints[{Address, CachePeriodInMinutes}].
        var body = new JsonObject
        {
            ["Endpoints"] = new JsonArray(new JsonObject { ["Address"] = Address, ["CachePeriodInMinutes"] = 1440 }),
        };
        return FakeResponse.Json(200, body.ToJsonString(), "req-describe-endpoints") with { ContentType = "application/x-amz-json-1.0" };
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
