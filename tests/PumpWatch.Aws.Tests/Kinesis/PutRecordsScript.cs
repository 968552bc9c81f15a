using System.Text.Json;
using PumpWatch.Aws.Tests.Fakes;

namespace PumpWatch.Aws.Tests.Kinesis;

/// <summary>Reads the entries of a PutRecords request seen by the fake server and writes PutRecords answers.</summary>
internal static class PutRecordsScript
{
    public static IReadOnlyList<(string PartitionKey, byte[] Data)> Entries(FakeRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        return [.. document.RootElement.GetProperty("Records").EnumerateArray()
            .Select(e => (e.GetProperty("PartitionKey").GetString()!, e.GetProperty("Data").GetBytesFromBase64()))];
    }

    /// <summary>A PutRecords response for <paramref name="count"/> entries, those in <paramref name="failures"/> failed with the given code.</summary>
    public static FakeResponse Answer(int count, IReadOnlyDictionary<int, string>? failures = null)
    {
        failures ??= new Dictionary<int, string>();
        var results = Enumerable.Range(0, count).Select(i => failures.TryGetValue(i, out var code)
            ? $$"""{"ErrorCode":"{{code}}","ErrorMessage":"{{code}} for entry {{i}}"}"""
            : $$"""{"SequenceNumber":"{{49_000_000 + i}}","ShardId":"shardId-000000000000"}""");
        return FakeResponse.Json(200, $$"""{"FailedRecordCount":{{failures.Count}},"Records":[{{string.Join(',', results)}}]}""", "req-put");
    }
}
