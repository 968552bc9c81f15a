namespace PumpWatch.Cli.Evaluation;

/// <summary>
/// The fleet scenario's seeds, fixed before any tuning of the detector (2026-11, with the first baseline): look at the
/// tuning seeds while changing the detector, and judge the targets on the held-out seeds only. A change made because of
/// a held-out result makes them tuning seeds: then pick new held-out seeds here, in the same commit, and say so.
/// </summary>
internal static class EvaluationSeeds
{
    public static IReadOnlyList<int> Tuning { get; } = [1, 2];

    public static IReadOnlyList<int> HeldOut { get; } = [101, 102, 103];
}
