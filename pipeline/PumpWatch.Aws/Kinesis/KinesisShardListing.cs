using PumpWatch.Aws.Kinesis.Model;

namespace PumpWatch.Aws.Kinesis;

/// <summary>ListShards followed to its last page: the first call names the stream, later ones only carry NextToken (as the model requires).</summary>
public static class KinesisShardListing
{
    /// <summary>Every shard of <paramref name="streamName"/>, open and closed (parents after a reshard included), in the service's order.</summary>
    public static async Task<IReadOnlyList<Shard>> ListAllShardsAsync(this IKinesisClient client, string streamName, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(streamName);
        var shards = new List<Shard>();
        var request = new ListShardsRequest { StreamName = streamName, MaxResults = pageSize };
        while (true)
        {
            var page = await client.ListShardsAsync(request, cancellationToken).ConfigureAwait(false);
            shards.AddRange(page.Shards ?? []);
            if (string.IsNullOrEmpty(page.NextToken))
            {
                return shards;
            }

            request = new ListShardsRequest { NextToken = page.NextToken, MaxResults = pageSize };
        }
    }
}
