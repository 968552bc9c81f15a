namespace PumpWatch.Core.Evaluation;

/// <summary>
/// Detection of one kind of fault with one onset (or a total row: kind <c>all</c>, onset <c>all</c>): how many faults,
/// how many detected, and the medians over the detected ones of the delay in minutes and, for gradual faults, of the
/// delay as a share of the ramp. A median over no detected fault is null; a missed fault adds nothing to a median, so
/// read the medians beside the detection rate.
/// </summary>
public sealed record FaultKindSummary(string Kind, string Onset, int Faults, int Detected, double? MedianDelayMinutes, double? MedianRampShare)
{
    /// <summary>Detected / faults; null for no fault.</summary>
    public double? DetectionRate => Faults > 0 ? Detected / (double)Faults : null;

    /// <summary>The summary of <paramref name="outcomes"/> under the given names.</summary>
    public static FaultKindSummary Of(string kind, string onset, IEnumerable<FaultOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var list = outcomes.ToList();
        return new FaultKindSummary(kind, onset, list.Count, list.Count(o => o.Detected),
            Median.Of(list.Select(o => o.DelayMinutes)), Median.Of(list.Select(o => o.RampShare)));
    }
}
