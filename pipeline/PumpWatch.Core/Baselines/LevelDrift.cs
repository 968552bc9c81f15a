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
/// </summary>
public sealed class LevelDrift
{
    /// <summary>Version of the drift's state text; another version's text is ignored (the drift starts again from 0).</summary>
    public const string Version = "pumpwatch.drift/1";

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

    /// <summary>Largest residual (in its own deviations) one window contributes: a fault's first windows barely move the drift.</summary>
    public const double StepLimit = 2;

    public LevelDrift(string modelId, int residuals)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        ModelId = modelId;
        Offsets = new double[residuals];
    }

    /// <summary>The model whose residuals the drift follows: another model's residuals start again from 0.</summary>
    public string ModelId { get; }

    /// <summary>Per residual, the drift in the residual's own deviations (0 for kinds other than levels).</summary>
    public double[] Offsets { get; }

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
        for (var r = 0; r < Offsets.Length && r < z.Length; r++)
        {
            if (layout.Residuals[r].Kind == ResidualKind.Level && double.IsFinite(z[r]))
            {
                Offsets[r] += (layout.IsTemperatureLevel(r) ? temperatureWeight : weight) * Math.Clamp(z[r], -StepLimit, StepLimit);
            }
        }
    }

    /// <summary>The drift as text: the version, the model id, then each offset (round-trip precision), separated by spaces.</summary>
    public string Encode() =>
        string.Join(' ', [Version, ModelId, .. Offsets.Select(o => o.ToString("R", CultureInfo.InvariantCulture))]);

    /// <summary>Reads <see cref="Encode"/>'s text; null when it is of another version or not a drift at all.</summary>
    public static LevelDrift? TryDecode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(' ');
        if (parts.Length < 2 || parts[0] != Version || parts[1].Length == 0)
        {
            return null;
        }

        var drift = new LevelDrift(parts[1], parts.Length - 2);
        for (var i = 2; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out drift.Offsets[i - 2]) || !double.IsFinite(drift.Offsets[i - 2]))
            {
                return null;
            }
        }

        return drift;
    }

    private static double Weight(TimeSpan window, TimeSpan timeConstant) => 1 - Math.Exp(-window.TotalSeconds / timeConstant.TotalSeconds);
}
