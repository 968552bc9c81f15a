using System.Globalization;

namespace PumpWatch.Core.Baselines;

/// <summary>
/// How far one pump's level residuals have moved, slowly and while healthy, since training: per level residual an
/// exponentially weighted mean of its residual z over the pump's running windows that scored below the threshold, each
/// window's step limited to <see cref="StepLimit"/> deviations (a clipped EWMA). Taken off the residual before scoring, it
/// follows what one training day did not hold (a swapped sensor's small offset, a pump run at a set-point outside its
/// training flow range, the site's weather), while a fault, which moves a residual by tens of deviations within hours,
/// outruns it: with a step limit of 2 and a time constant of 4 h the drift moves at most 0.5 deviations an hour.
/// Kept per pump by the pipeline and carried in the pump's state string (<see cref="Encode"/>, <see cref="Version"/>).
/// For a layout without a flow sensor it also keeps each level's recent level (<see cref="Recent"/>, see
/// <see cref="ResidualLayout.IsRecentLevel"/>), the level that is scored, and its drift follows over days rather than hours.
/// </summary>
public sealed class LevelDrift
{
    /// <summary>Version of the drift's state text; another version's text is ignored (the drift starts again from 0).</summary>
    public const string Version = "pumpwatch.drift/1";

    /// <summary>The state text with recent levels (<see cref="Recent"/>) after the offsets; written only when a recent level is kept.</summary>
    public const string RecentVersion = "pumpwatch.drift/2";

    /// <summary>
    /// Time constant of the pressure and vibration drift. Measured on the tuning seeds with pressure and vibration
    /// following: 2 h lost three of the slow vibration-sensor drifts, 4 h none of them, for a few more false alerts.
    /// </summary>
    public static readonly TimeSpan TimeConstant = TimeSpan.FromHours(4);

    /// <summary>
    /// Time constant of the temperature drift: slower, as a motor overheating over hours would otherwise be followed
    /// (at 2 h the tuning seeds lost three gradual and one abrupt overheating fault and a temperature-sensor drift, at
    /// 12 h none of them); the site's weather swings over days.
    /// </summary>
    public static readonly TimeSpan TemperatureTimeConstant = TimeSpan.FromHours(12);

    /// <summary>
    /// Time constant of a recent level (a layout without a flow sensor): the exponentially weighted mean of the window
    /// levels over about this long is what is scored. Measured on NAB's machine temperature (1 h windows, the only series
    /// without an operating point the evaluation has; README "How well it detects"), forest seeds 42 and 1-7 with a
    /// 7-day drift: 6 h found all four failures on six seeds and three (the 20-hour shutdown of 2013-12-10 just under the
    /// threshold) on two, with 1-2 false alerts; 4 h found all four on every seed but with 2-4 false alerts (its healthy
    /// dips of a few hours); 8 h lost the shutdown on six seeds.
    /// </summary>
    public static readonly TimeSpan RecentTimeConstant = TimeSpan.FromHours(6);

    /// <summary>
    /// Time constant of a recent level's drift: a week, as that level is already an average over hours and a drift of
    /// hours follows a fault of a day away (on NAB, per-pump levels with the 4 h drift lost the shutdown and found the
    /// two-day cooling of 2014-02-07 only in its last hour). With a 6 h recent level, 3 days found two to four of the
    /// four failures over the eight seeds and 14 days three or four with 1-3 false alerts.
    /// </summary>
    public static readonly TimeSpan RecentDriftTimeConstant = TimeSpan.FromDays(7);

    /// <summary>Largest residual (in its own deviations) one window contributes: a fault's first windows barely move the drift.</summary>
    public const double StepLimit = 2;

    public LevelDrift(string modelId, int residuals)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        ModelId = modelId;
        Offsets = new double[residuals];
        Recent = new double[residuals];
        Array.Fill(Recent, double.NaN);
    }

    /// <summary>The model whose residuals the drift follows: another model's residuals start again from 0.</summary>
    public string ModelId { get; }

    /// <summary>Per residual, the drift in the residual's own deviations (0 for kinds other than levels).</summary>
    public double[] Offsets { get; }

    /// <summary>
    /// Per residual, its recent level in its own deviations before the drift is taken off: the exponentially weighted
    /// mean of its window values (<see cref="Smooth"/>); NaN before the first window and for residuals that are not recent levels.
    /// </summary>
    public double[] Recent { get; }

    /// <summary>
    /// Replaces each recent level's window value in <paramref name="z"/> (as <see cref="PumpBaseline.Transform"/> gives it,
    /// before the drift is taken off) by the recent level, moved towards it first by w = 1 - exp(-window /
    /// <see cref="RecentTimeConstant"/>): r = r + w (z - r), or r = z at the first window. A window of zero length reads the
    /// recent level without moving it (an alert's explanation of a window already scored); a NaN value leaves it as it was.
    /// Other residuals are left as they are.
    /// </summary>
    public void Smooth(ResidualLayout layout, Span<double> z, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var weight = Weight(window, RecentTimeConstant);
        for (var r = 0; r < Recent.Length && r < z.Length; r++)
        {
            if (!layout.IsRecentLevel(r))
            {
                continue;
            }

            if (double.IsFinite(z[r]))
            {
                Recent[r] = double.IsNaN(Recent[r]) ? z[r] : Recent[r] + (weight * (z[r] - Recent[r]));
            }

            z[r] = Recent[r];
        }
    }

    /// <summary>
    /// Moves the drift towards a healthy running window's residuals <paramref name="z"/>, given with the drift already
    /// taken off (as <see cref="PumpBaselines.Residuals(ReadOnlySpan{double}, string, long, ReadOnlySpan{double}, Span{double}, out double)"/>
    /// leaves them): each level's drift moves by w * clamp(z, -<see cref="StepLimit"/>, <see cref="StepLimit"/>),
    /// w = 1 - exp(-window / time constant). A NaN residual (sensor absent) leaves its drift as it was.
    /// </summary>
    public void Follow(ResidualLayout layout, ReadOnlySpan<double> z, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var weight = Weight(window, TimeConstant);
        var temperatureWeight = Weight(window, TemperatureTimeConstant);
        var recentWeight = Weight(window, RecentDriftTimeConstant);
        for (var r = 0; r < Offsets.Length && r < z.Length; r++)
        {
            if (layout.Residuals[r].Kind == ResidualKind.Level && double.IsFinite(z[r]))
            {
                var w = layout.IsRecentLevel(r) ? recentWeight : layout.IsTemperatureLevel(r) ? temperatureWeight : weight;
                Offsets[r] += w * Math.Clamp(z[r], -StepLimit, StepLimit);
            }
        }
    }

    /// <summary>
    /// The drift as text: the version, the model id, then each offset (round-trip precision), separated by spaces; with a
    /// recent level kept, <see cref="RecentVersion"/> and each recent level after the offsets (NaN where none is kept).
    /// </summary>
    public string Encode()
    {
        var offsets = Offsets.Select(o => o.ToString("R", CultureInfo.InvariantCulture));
        return Array.TrueForAll(Recent, double.IsNaN)
            ? string.Join(' ', [Version, ModelId, .. offsets])
            : string.Join(' ', [RecentVersion, ModelId, .. offsets, .. Recent.Select(r => r.ToString("R", CultureInfo.InvariantCulture))]);
    }

    /// <summary>Reads <see cref="Encode"/>'s text; null when it is of another version or not a drift at all.</summary>
    public static LevelDrift? TryDecode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(' ');
        var recent = parts.Length >= 2 && parts[0] == RecentVersion;
        if (parts.Length < 2 || (parts[0] != Version && !recent) || parts[1].Length == 0 || (recent && parts.Length % 2 != 0))
        {
            return null;
        }

        var count = recent ? (parts.Length - 2) / 2 : parts.Length - 2;
        var drift = new LevelDrift(parts[1], count);
        for (var i = 0; i < count; i++)
        {
            if (!double.TryParse(parts[i + 2], NumberStyles.Float, CultureInfo.InvariantCulture, out drift.Offsets[i]) || !double.IsFinite(drift.Offsets[i]))
            {
                return null;
            }

            // A recent level may be NaN (none kept yet) but never infinite.
            if (recent && (!double.TryParse(parts[i + 2 + count], NumberStyles.Float, CultureInfo.InvariantCulture, out drift.Recent[i]) || double.IsInfinity(drift.Recent[i])))
            {
                return null;
            }
        }

        return drift;
    }

    private static double Weight(TimeSpan window, TimeSpan timeConstant) => 1 - Math.Exp(-window.TotalSeconds / timeConstant.TotalSeconds);
}
