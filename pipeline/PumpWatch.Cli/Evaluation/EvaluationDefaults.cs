namespace PumpWatch.Cli.Evaluation;

/// <summary>The settings <c>pumpwatch evaluate</c> runs with unless told otherwise, and the names of its seed groups.</summary>
internal static class EvaluationDefaults
{
    public const string TuningName = "tuning";
    public const string HeldOutName = "held-out";

    /// <summary>Where the tests find the shared benchmark data too: beside the clone, run from the repository's root.</summary>
    public const string NabFolder = "../shared/data/nab";

    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Twelve readings of the 5-minute series per window.</summary>
    public static TimeSpan NabWindow { get; } = TimeSpan.FromHours(1);

    public static TimeSpan NabTraining { get; } = TimeSpan.FromDays(7);
}
