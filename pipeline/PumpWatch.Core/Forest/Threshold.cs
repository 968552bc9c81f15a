using MathNet.Numerics.Statistics;

namespace PumpWatch.Core.Forest;

/// <summary>
/// The anomaly-score threshold and how it was chosen: a fixed value, or the (1 - rate) quantile (R type 7)
/// of the training scores so that a share <c>rate</c> of training windows would have alarmed.
/// </summary>
public sealed record Threshold(double Value, string Method, double? TargetFalseAlarmRate)
{
    public const string FixedMethod = "fixed";
    public const string FalseAlarmRateMethod = "false-alarm-rate";

    /// <summary>Chosen with the k-of-n policy to meet a budget of false alerts per pump-day (see <see cref="Alerts.AlertBudget"/>).</summary>
    public const string AlertBudgetMethod = "alert-budget";

    public static Threshold Fixed(double value)
    {
        if (!(value > 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "a score threshold lies in (0, 1)");
        }

        return new(value, FixedMethod, null);
    }

    public static Threshold FromFalseAlarmRate(IReadOnlyList<double> trainingScores, double rate)
    {
        ArgumentNullException.ThrowIfNull(trainingScores);
        if (!(rate > 0 && rate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "a false-alarm rate lies in (0, 1)");
        }

        if (trainingScores.Count == 0)
        {
            throw new ArgumentException("no training scores to calibrate on", nameof(trainingScores));
        }

        var sorted = trainingScores.ToArray();
        Array.Sort(sorted);
        return new(SortedArrayStatistics.QuantileCustom(sorted, 1 - rate, QuantileDefinition.R7), FalseAlarmRateMethod, rate);
    }
}
