namespace PumpWatch.Cli.Consume;

/// <summary>
/// How <c>pumpwatch consume</c> reads its stream, built once from the command line: the stream and where it is, where
/// to start a shard that has no checkpoint, how many records one GetRecords may return, how long to wait between polls
/// of a caught-up shard, and when to stop by itself (never, after an idle time, or once every shard is read and every
/// window closed).
/// </summary>
internal sealed record ConsumeOptions(string Stream, string From, int Limit, TimeSpan PollInterval, TimeSpan? IdleExit, bool UntilEmpty)
{
    /// <summary>GetShardIterator's LATEST or TRIM_HORIZON, from <c>--from</c>.</summary>
    public const string TrimHorizon = "trim-horizon";

    public const string Latest = "latest";

    /// <summary>
    /// How long past a window's end a caught-up shard waits before the window's final invoke, so that a record Kinesis
    /// stamped just before the end, but that GetRecords had not returned yet, still joins it.
    /// </summary>
    public TimeSpan CloseGrace { get; init; } = TimeSpan.FromSeconds(1);
}
