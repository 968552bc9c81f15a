using PumpWatch.Core.Processing;

namespace PumpWatch.Function;

/// <summary>
/// How the function runs, built once by the composition root: the pipeline options (the model's own window, sensors and
/// features), the site name for alerts, and the size the returned state may reach before the window is closed early.
/// </summary>
public sealed record FunctionSettings(PipelineOptions Pipeline, string Site)
{
    /// <summary>
    /// Largest state the function returns, in bytes of JSON. Lambda allows 1 MB per shard and terminates the window
    /// early beyond it (developer guide, tumbling windows); 900 kB leaves room for the event's own framing.
    /// </summary>
    public int StateLimitBytes { get; init; } = 900_000;

    /// <summary>
    /// Largest pump state carried to the next window through the shard-state store, in bytes (per pump: id, state, one
    /// byte). DynamoDB holds at most 409,600 bytes per item; 400,000 leaves the rest for the shard key, window end and
    /// sequence number. Pumps beyond it (in pump id order) are dropped from the carried state, logged and counted, so the
    /// final invoke never fails on the item limit and stalls its shard.
    /// </summary>
    public int CarriedStateLimitBytes { get; init; } = 400_000;
}
