namespace PumpWatch.Lambda.Tests.RuntimeApi;

/// <summary>
/// A post the runtime made: which kind (<c>response</c>, <c>error</c>, <c>init/error</c>), for which request id (null
/// for init), its body, its headers (names lower case) and when it arrived (Stopwatch timestamp).
/// </summary>
internal sealed record RecordedPost(string Kind, string? RequestId, byte[] Body, IReadOnlyDictionary<string, string> Headers, long ArrivedAt)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}
