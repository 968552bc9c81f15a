using System.Text.Json.Nodes;
using PumpWatch.Aws.Tests.Fakes;

namespace PumpWatch.Aws.Tests.Conformance;

/// <summary>
/// One input sent through our client and through the official SDK's <paramref name="Client"/>.<paramref name="Command"/>,
/// both answered with <paramref name="Canned"/>. <paramref name="Input"/> is our request record; the official SDK gets
/// it as <see cref="ShapeJson"/> writes it, unless <see cref="OfficialInput"/> says otherwise.
/// </summary>
/// <param name="Client">official-sdk.js's client name: kinesis, timestream-write, timestream-query, sns.</param>
/// <param name="Command">The operation's name in the model, e.g. PutRecords (the SDK's command class less "Command").</param>
/// <param name="SigningName">The service's SigV4 name (the model's signingName, else endpointPrefix).</param>
/// <param name="Input">Our request record.</param>
/// <param name="Canned">The answer both clients get (DescribeEndpoints aside, see <see cref="CaptureServer"/>).</param>
internal sealed record ConformanceCase(string Client, string Command, string SigningName, object Input, FakeResponse Canned)
{
    /// <summary>The official SDK's input where our request record is shaped differently from the model.</summary>
    public JsonNode? OfficialInput { get; init; }

    /// <summary>JSON request body paths (<c>$.A[*].B</c>) allowed to differ, each with the reason; form bodies have none.</summary>
    public IReadOnlyDictionary<string, string> IgnoredBodyPaths { get; init; } = new Dictionary<string, string>();

    /// <summary>Output paths allowed to differ (model members our records leave out), each with the reason.</summary>
    public IReadOnlyDictionary<string, string> IgnoredOutputPaths { get; init; } = new Dictionary<string, string>();
}
