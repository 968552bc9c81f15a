namespace PumpWatch.Aws.Kinesis.Model;

/// <summary>Values of ShardFilter.Type (enum ShardFilterType in the model). Strings, as on the wire, so a value added later still parses.</summary>
public static class ShardFilterType
{
    public const string AfterShardId = "AFTER_SHARD_ID";

    public const string AtTrimHorizon = "AT_TRIM_HORIZON";

    public const string FromTrimHorizon = "FROM_TRIM_HORIZON";

    public const string AtLatest = "AT_LATEST";

    public const string AtTimestamp = "AT_TIMESTAMP";

    public const string FromTimestamp = "FROM_TIMESTAMP";
}
