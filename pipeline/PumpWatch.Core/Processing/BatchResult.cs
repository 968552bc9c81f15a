using PumpWatch.Core.Alerts;

namespace PumpWatch.Core.Processing;

/// <summary>
/// What one batch did (<see cref="DetectionPipeline.ProcessBatch"/>): an outcome per record in input order, the windows
/// it closed, the alert events it raised, and the counts for this batch alone.
/// </summary>
public sealed class BatchResult
{
    public List<RecordOutcome> Records { get; init; } = [];

    public List<WindowResult> Windows { get; } = [];

    public List<Alert> Alerts { get; } = [];

    public long Accepted { get; internal set; }

    public long Duplicates { get; internal set; }

    public long Quarantined { get; internal set; }
}
