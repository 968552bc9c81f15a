using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Cli.Input;

/// <summary>One input record: raw JSON bytes (JSON lines; valid until the next record is read) or a decoded reading (CSV), with its label when the input has one.</summary>
internal readonly record struct InputRecord(ReadOnlyMemory<byte> Json, Reading? Reading, bool? Label, long Line)
{
    /// <summary>Hands the record to the pipeline: JSON through the parser, a decoded reading through validation. Replay: no future-skew check.</summary>
    public void FeedTo(DetectionPipeline pipeline)
    {
        if (Reading is { } reading)
        {
            pipeline.Process(reading);
        }
        else
        {
            pipeline.Process(Json.Span, long.MaxValue);
        }
    }
}
