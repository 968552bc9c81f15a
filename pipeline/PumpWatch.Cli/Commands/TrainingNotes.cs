namespace PumpWatch.Cli.Commands;

/// <summary>Lines <c>train</c> and <c>backtest</c> print about a model they have just trained.</summary>
internal static class TrainingNotes
{
    /// <summary>
    /// The model judges every pump against the fleet-wide training envelope, with no alert budget: said out loud, since
    /// such a model raises many more false alerts than the README's detection figures (measured on the README's
    /// simulator example, 3.5 h of training: 1.4 false alerts per pump-day, where the evaluation's models with baselines
    /// give 0.08).
    /// </summary>
    public static string WithoutBaselines(string reason) =>
        $"  no per-pump baselines or alert budget: {reason}; every window is judged against the fleet-wide training envelope instead, which raises more false alerts (README: \"Per-pump baselines and the alert budget\")";
}
