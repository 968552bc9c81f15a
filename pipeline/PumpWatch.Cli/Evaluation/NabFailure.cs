namespace PumpWatch.Cli.Evaluation;

/// <summary>
/// One NAB failure window in evaluation.json: its bounds, and when detected how long after the window's start and
/// after its middle (NAB centres each window on the anomaly, so the middle is the nearer to a true delay).
/// </summary>
internal sealed record NabFailure(string Start, string End, bool Detected, string? DetectedAt, double? MinutesAfterWindowStart, double? MinutesAfterWindowMiddle);
