using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Processing;

/// <summary>Running totals of what the pipeline did with its input.</summary>
public sealed class PipelineCounters
{
    private readonly long[] _quarantined = new long[Enum.GetValues<QuarantineReason>().Length];

    public long Records { get; internal set; }

    public long Accepted { get; internal set; }

    public long Duplicates { get; internal set; }

    public long Windows { get; internal set; }

    /// <summary>Windows with too few readings to score (partial windows at the start and end of data, around outages).</summary>
    public long PartialWindows { get; internal set; }

    public long Alerts { get; internal set; }

    public long IgnoredFields { get; internal set; }

    /// <summary>Sensor values that arrived as numbers in strings and were read as numbers.</summary>
    public long NumbersFromText { get; internal set; }

    public long Quarantined => _quarantined.Sum();

    public long QuarantinedFor(QuarantineReason reason) => _quarantined[(int)reason];

    internal void Quarantine(QuarantineReason reason) => _quarantined[(int)reason]++;

    internal void Reset()
    {
        (Records, Accepted, Duplicates, Windows, PartialWindows, Alerts, IgnoredFields, NumbersFromText) = (0, 0, 0, 0, 0, 0, 0, 0);
        Array.Clear(_quarantined);
    }
}
