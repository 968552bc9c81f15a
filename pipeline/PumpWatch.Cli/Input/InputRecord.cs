using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Input;

/// <summary>
/// One input record: raw JSON bytes (JSON lines; valid until the next record is read), a decoded reading (CSV,
/// Parquet), or something the reader rejected (<see cref="Rejected"/>), with its label when the input has one.
/// </summary>
internal readonly record struct InputRecord(ReadOnlyMemory<byte> Json, Reading? Reading, bool? Label, long Line, RejectedValue? Rejected = null)
{
    /// <summary>A record for the pipeline's quarantine only.</summary>
    public static InputRecord Reject(RejectedValue rejected, long line) => new(default, null, null, line, rejected);

    /// <summary>
    /// Hands the record to the pipeline: JSON through the parser, a decoded reading through validation, a rejection
    /// to the quarantine. Replay: no future-skew check.
    /// </summary>
    public void FeedTo(DetectionPipeline pipeline)
    {
        if (Reading is { } reading)
        {
            pipeline.Process(reading);
        }
        else if (Rejected is { } rejected)
        {
            pipeline.Reject(rejected.Raw, rejected.PumpId, rejected.Timestamp, rejected.Reason, rejected.Detail);
        }
        else
        {
            pipeline.Process(Json.Span, long.MaxValue);
        }
    }
}
