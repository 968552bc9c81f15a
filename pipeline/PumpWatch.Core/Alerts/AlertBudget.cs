namespace PumpWatch.Core.Alerts;

/// <summary>
/// Chooses the window threshold together with the k-of-n policy so that held-out healthy windows raise no more than a
/// budget of alerts per pump-day. Alerts are counted with the real <see cref="AlertPolicy"/> (cooldown included). The
/// held-out part is short (a quarter of a day's training: 25 pump-days for 100 pumps), so a budget of 0.1 a pump-day is
/// less than one alert there and the threshold that gives none is only the largest of what little was seen; measured
/// on the tuning seeds, a fleet then raised three to five times the budget. So for every candidate policy the
/// thresholds that give 16, 8, 4, 2 and 1 held-out alerts are found by bisection, ln(alerts) is fitted by least squares as
/// a line in the threshold (an exponential tail), and the threshold is where that line meets <see cref="Safety"/> times
/// the budget, and never below the one that gave no alert. The policy with the lowest threshold wins, the smaller k on a tie.
/// </summary>
public static class AlertBudget
{
    /// <summary>The k-of-n policies tried, all deciding within ten one-minute windows.</summary>
    public static IReadOnlyList<(int K, int N)> Candidates { get; } = [(1, 1), (2, 3), (2, 5), (3, 5), (3, 8), (4, 8)];

    /// <summary>The share of the budget the held-out part may use.</summary>
    public const double Safety = 0.5;

    /// <summary>Calibrates on held-out sequences: per pump, its windows' (end, score) in time order; NaN scores are skipped.</summary>
    public static AlertCalibration Calibrate(IReadOnlyList<IReadOnlyList<(long End, double Score)>> sequences, double pumpDays, double budgetPerPumpDay, AlertPolicyOptions policy)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfNegative(budgetPerPumpDay);
        var scores = sequences.SelectMany(s => s).Select(w => w.Score).Where(double.IsFinite).Distinct().Order().ToArray();
        var target = budgetPerPumpDay * pumpDays * Safety;
        AlertCalibration? best = null;
        foreach (var (k, n) in Candidates)
        {
            var options = policy with { K = k, N = n };
            var threshold = Lowest(sequences, options, scores, Math.Floor(target));
            var expected = pumpDays > 0 ? Alerts(sequences, options, threshold) / pumpDays : double.NaN;
            var tail = new List<(double Threshold, double LogAlerts)>();
            foreach (var count in TailCounts)
            {
                var t = Lowest(sequences, options, scores, count);
                var alerts = Alerts(sequences, options, t);
                if (alerts > 0 && !tail.Exists(p => p.Threshold == t))
                {
                    tail.Add((t, Math.Log(alerts)));
                }
            }

            if (tail.Count >= 3 && target > 0 && Line(tail) is var (a, b) && b < 0)
            {
                var extrapolated = Math.Min((Math.Log(target) - a) / b, MaxThreshold);
                if (extrapolated > threshold)
                {
                    threshold = extrapolated;
                }

                expected = Math.Exp(a + (b * threshold)) / pumpDays;
            }

            if (best is null || threshold < best.Threshold)
            {
                best = new AlertCalibration(k, n, threshold, budgetPerPumpDay, Alerts(sequences, options, threshold), pumpDays, expected);
            }
        }

        return best!;
    }

    // Held-out alert counts the tail is fitted on.
    private static readonly int[] TailCounts = [16, 8, 4, 2, 1];

    // A threshold the tail puts past this would silence every window: keep it a score a window can still exceed.
    private const double MaxThreshold = 0.999;

    /// <summary>The lowest held-out score whose threshold opens at most <paramref name="allowed"/> alerts (bisection; alerts fall as the threshold rises).</summary>
    private static double Lowest(IReadOnlyList<IReadOnlyList<(long End, double Score)>> sequences, AlertPolicyOptions options, double[] scores, double allowed)
    {
        int lo = 0, hi = scores.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (Alerts(sequences, options, scores[mid]) <= allowed)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo < scores.Length ? scores[lo] : scores.Length > 0 ? scores[^1] : 0.5;
    }

    /// <summary>Least-squares intercept and slope of y on x.</summary>
    private static (double Intercept, double Slope) Line(List<(double X, double Y)> points)
    {
        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - mx) * (p.X - mx));
        var slope = sxx > 0 ? points.Sum(p => (p.X - mx) * (p.Y - my)) / sxx : 0;
        return (my - (slope * mx), slope);
    }

    /// <summary>Alerts the policy opens over the sequences at a threshold.</summary>
    public static int Alerts(IReadOnlyList<IReadOnlyList<(long End, double Score)>> sequences, AlertPolicyOptions options, double threshold)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var policy = new AlertPolicy(options);
        var opened = 0;
        foreach (var sequence in sequences)
        {
            var state = AlertState.Initial;
            foreach (var (end, score) in sequence)
            {
                if (double.IsNaN(score))
                {
                    continue;
                }

                if (policy.Evaluate(ref state, end, score, threshold) is { Kind: AlertEventKind.Opened })
                {
                    opened++;
                }
            }
        }

        return opened;
    }
}
