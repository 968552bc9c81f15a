namespace PumpWatch.Core.Evaluation;

/// <summary>
/// Point-wise counts over scored windows (or readings) against labels, and the usual ratios. Each ratio with a zero
/// denominator is NaN: precision with no positive prediction, recall with no labelled positive.
/// </summary>
public readonly record struct WindowConfusion(long TruePositives, long FalsePositives, long FalseNegatives, long TrueNegatives)
{
    public long Total => TruePositives + FalsePositives + FalseNegatives + TrueNegatives;

    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    public double F1 => Ratio(2 * Precision * Recall, Precision + Recall);

    /// <summary>FP / (FP + TN).</summary>
    public double FalseAlarmRate => Ratio(FalsePositives, FalsePositives + TrueNegatives);

    /// <summary>FN / (FN + TP).</summary>
    public double MissedAlarmRate => Ratio(FalseNegatives, FalseNegatives + TruePositives);

    private static double Ratio(double a, double b) => b == 0 ? double.NaN : a / b;
}
