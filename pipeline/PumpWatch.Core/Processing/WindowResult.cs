namespace PumpWatch.Core.Processing;

/// <summary>
/// A closed window as a batch returns it (a copy, safe to keep): its bounds, the event-time span of the readings in it,
/// the reading count, whether it was complete enough to score, the features (in the pipeline's order) and the score.
/// </summary>
public sealed record WindowResult(
    string PumpId, long Start, long End, long FirstReading, long LastReading, int Count, bool Complete,
    double Score, double IsolationScore, double Threshold, string? ModelId, IReadOnlyList<double> Features);
