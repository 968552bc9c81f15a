namespace PumpWatch.Core.Alerts;

/// <summary>
/// Chooses the window threshold together with the k-of-n policy so that held-out healthy windows raise no more than a
/// budget of alerts per pump-day. Every candidate policy gets the lowest threshold that keeps within the budget (found by
/// bisection over the held-out scores, counting alerts with the real <see cref="AlertPolicy"/>, cooldown included); the
/// policy with the lowest such threshold wins, the smaller k on a tie. Alerts are counted against a budget scaled by
/// <see cref="Safety"/>: the held-out part is short, so its rarest windows are under-represented.
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
        var allowed = Math.Floor(budgetPerPumpDay * pumpDays * Safety);
        AlertCalibration? best = null;
        foreach (var (k, n) in Candidates)
        {
            var options = policy with { K = k, N = n };
            // Bisection for the first score index whose threshold keeps within the budget; above the largest score none opens.
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

            var threshold = lo < scores.Length ? scores[lo] : scores.Length > 0 ? scores[^1] : 0.5;
            Console.Error.WriteLine($"DBGB {k} of {n}: {threshold:0.0000}");
            if (best is null || threshold < best.Threshold)
            {
                best = new AlertCalibration(k, n, threshold, budgetPerPumpDay, Alerts(sequences, options, threshold), pumpDays);
            }
        }

        return best!;
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
