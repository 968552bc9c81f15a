namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>Filter of ListShards (shape ShardFilter); Type is one of <see cref="ShardFilterType"/>.</summary>
public sealed record ShardFilter(string Type)
{
    public string? ShardId { get; init; }

    public DateTimeOffset? Timestamp { get; init; }
}
