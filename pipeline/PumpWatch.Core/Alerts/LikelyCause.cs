using System.Globalization;
using System.Text;

namespace PumpWatch.Core.Alerts;

/// <summary>
/// A hint at the cause of an anomaly from the documented fault signatures of centrifugal pumps (bearing wear raises
/// broadband vibration; cavitation makes pressure unsteady and flow drop; a seal leak lowers pressure at unchanged
/// flow; a discharge blockage raises pressure and lowers flow; impeller wear lowers head and flow; overheating raises
/// temperature alone; a faulty instrument moves one sensor while the others hold). Stated as "consistent with", with
/// the evidence, never as a diagnosis.
/// </summary>
public static class LikelyCause
{
    // How far from the training baseline, in training standard deviations, a feature must be to count as evidence:
    // well outside what a healthy window shows (about 1 in 370 healthy windows exceed 3 sd if they were normal).
    private const double Moved = 3;

    // A sensor's spread this far above its baseline while everything else holds is the instrument, not the pump.
    private const double Erratic = 8;

    // How much more the erratic sensor's spread must have moved than anything else for the instrument to be blamed.
    private const double Dominance = 4;

    // Flow "unchanged" for a seal leak: within this many sd of its baseline.
    private const double Unchanged = 2;

    /// <summary>The hint, or null when the evidence matches no signature.</summary>
    /// <param name="deviation">A feature's deviation from its training mean in training standard deviations; NaN or absent when unknown.</param>
    public static string? Describe(Func<string, double> deviation)
    {
        ArgumentNullException.ThrowIfNull(deviation);
        double Z(string feature) => deviation(feature) is var z && double.IsFinite(z) ? z : 0;
        var evidence = new List<string>();
        string? cause = null;

        // One sensor erratic while the others hold: the instrument. "Hold" is relative: every other sensor's level and
        // spread moved less than a quarter as far, so the slow drift of a healthy pump does not hide a broken gauge.
        string[] sensors = ["temperature", "pressure", "flow_rate", "vibration"];
        foreach (var sensor in sensors)
        {
            var spread = Z($"{sensor}.std");
            // The sensor's own level holds too: spikes or noise from a failing gauge barely move the mean, while real
            // broadband vibration from a worn bearing raises the level with the spread.
            var othersHold = Math.Abs(Z($"{sensor}.mean")) < spread / Dominance
                && sensors.Where(s => s != sensor).All(s => Math.Abs(Z($"{s}.mean")) < spread / Dominance && Math.Abs(Z($"{s}.std")) < spread / Dominance);
            if (othersHold && spread > Erratic)
            {
                cause = $"a faulty {sensor} sensor (erratic readings while the other sensors are steady): check the instrument before the pump";
                evidence.Add(Evidence($"{sensor} std", spread));
                break;
            }
        }

        var (vibMean, vibStd, vibMax) = (Z("vibration.mean"), Z("vibration.std"), Z("vibration.max"));
        var (pMean, pStd, pRange) = (Z("pressure.mean"), Z("pressure.std"), Z("pressure.range"));
        var (flow, temp, tempTrend) = (Z("flow_rate.mean"), Z("temperature.mean"), Math.Max(Z("temperature.slope_per_min"), Z("temperature.rise_per_min")));
        if (cause is null && Math.Max(pStd, pRange) > Moved && flow < -Unchanged)
        {
            cause = "cavitation or a suction-side restriction (pressure unsteady, flow dropping)";
            evidence.AddRange([Strongest(("pressure std", pStd), ("pressure range", pRange)), Evidence("flow rate mean", flow)]);
        }
        else if (cause is null && pMean > Moved && flow < -Moved)
        {
            cause = "a discharge-side blockage (pressure up, flow down)";
            evidence.AddRange([Evidence("pressure mean", pMean), Evidence("flow rate mean", flow)]);
        }
        else if (cause is null && pMean < -Moved && flow < -Moved)
        {
            cause = "impeller wear (pressure and flow both down)";
            evidence.AddRange([Evidence("pressure mean", pMean), Evidence("flow rate mean", flow)]);
        }
        else if (cause is null && pMean < -Moved && Math.Abs(flow) < Unchanged)
        {
            cause = "a seal leak (pressure down at unchanged flow)";
            evidence.AddRange([Evidence("pressure mean", pMean), Evidence("flow rate mean", flow)]);
        }
        else if (cause is null && Math.Max(vibMean, Math.Max(vibStd, vibMax)) > Moved)
        {
            cause = temp > Moved || tempTrend > Moved
                ? "bearing wear (vibration up, bearing temperature following)"
                : "bearing wear or imbalance (broadband vibration up)";
            evidence.Add(Strongest(("vibration mean", vibMean), ("vibration std", vibStd), ("vibration max", vibMax)));
            if (temp > Moved || tempTrend > Moved)
            {
                evidence.Add(Strongest(("temperature mean", temp), ("temperature trend", tempTrend)));
            }
        }
        else if (cause is null && (temp > Moved || tempTrend > Moved))
        {
            cause = "motor overheating or a cooling problem (temperature up, vibration normal)";
            evidence.Add(Strongest(("temperature mean", temp), ("temperature trend", tempTrend)));
        }

        return cause is null ? null : new StringBuilder("Likely cause, a hint not a diagnosis: consistent with ").Append(cause)
            .Append(" (").AppendJoin(", ", evidence).Append(" against this model's healthy baseline).").ToString();
    }

    private static string Strongest(params (string What, double Z)[] candidates)
    {
        var best = candidates.MaxBy(c => c.Z);
        return Evidence(best.What, best.Z);
    }

    private static string Evidence(string what, double z) => string.Create(CultureInfo.InvariantCulture, $"{what} {z:+0.0;-0.0} sd");
}
