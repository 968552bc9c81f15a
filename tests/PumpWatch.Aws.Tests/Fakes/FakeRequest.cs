using System.Text;

namespace PumpWatch.Aws.Tests.Fakes;

/// <summary>A request as the fake server received it.</summary>
internal sealed record FakeRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : "";
}
