namespace PumpWatch.Core.Forest;

/// <summary>
/// The range each feature covered in training, and how far outside it a window lies. An isolation forest draws its
/// splits inside the training range, so a window beyond it in one feature scores like the most extreme training
/// window however far out it is (a pump at 100 degC scores like the hottest healthy window). The envelope restores
/// that distance for alerting: the excess E of a feature is its distance beyond [min, max] in training standard
/// deviations; past a dead zone D the window's score s becomes s + (1 - s)(1 - 2^(-(E - D) / H)), so it climbs
/// towards 1 and halves its gap every H further deviations. Training windows have E = 0, so the threshold
/// calibrated on them is unaffected. NaN features are skipped.
/// </summary>
public sealed class TrainingEnvelope
{
    /// <summary>Deviations beyond the training extreme tolerated before the score is raised (normal drift, unseen but healthy load).</summary>
    public const double DefaultDeadZone = 3.0;

    /// <summary>Further deviations that close half the remaining gap between the score and 1.</summary>
    public const double DefaultHalfDistance = 1.0;

    public TrainingEnvelope(IReadOnlyList<double> min, IReadOnlyList<double> max, IReadOnlyList<double> std, double deadZone, double halfDistance)
    {
        ArgumentNullException.ThrowIfNull(min);
        ArgumentNullException.ThrowIfNull(max);
        ArgumentNullException.ThrowIfNull(std);
        if (min.Count != max.Count || min.Count != std.Count)
        {
            throw new ArgumentException("min, max and std differ in length", nameof(std));
        }

        if (!(deadZone >= 0) || !(halfDistance > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(deadZone), $"dead zone {deadZone} must be >= 0 and half distance {halfDistance} > 0");
        }

        Min = min;
        Max = max;
        DeadZone = deadZone;
        HalfDistance = halfDistance;
        var scale = new double[std.Count];
        for (var f = 0; f < scale.Length; f++)
        {
            // A feature constant in training still needs a unit: a thousandth of its size, so any real change is far out.
            scale[f] = std[f] > 0 ? std[f] : Math.Max(Math.Abs(min[f]) * 1e-3, 1e-9);
        }

        Scale = scale;
    }

    public IReadOnlyList<double> Min { get; }

    public IReadOnlyList<double> Max { get; }

    /// <summary>The unit of the excess per feature: the training standard deviation (see the constructor for constant features).</summary>
    public IReadOnlyList<double> Scale { get; }

    public double DeadZone { get; }

    public double HalfDistance { get; }

    /// <summary>How many deviations <paramref name="value"/> of feature <paramref name="feature"/> lies outside the training range; 0 inside or NaN.</summary>
    public double Excess(int feature, double value)
    {
        if (double.IsNaN(value) || double.IsNaN(Min[feature]))
        {
            return 0;
        }

        var beyond = value > Max[feature] ? value - Max[feature] : value < Min[feature] ? Min[feature] - value : 0;
        return beyond / Scale[feature];
    }

    /// <summary>The largest excess over all features and which feature has it (-1 when every feature is inside).</summary>
    public double MaxExcess(ReadOnlySpan<double> raw, out int feature)
    {
        feature = -1;
        var largest = 0.0;
        for (var f = 0; f < raw.Length; f++)
        {
            var excess = Excess(f, raw[f]);
            if (excess > largest)
            {
                largest = excess;
                feature = f;
            }
        }

        return largest;
    }

    /// <summary>The isolation score raised by the excess past the dead zone; unchanged inside it.</summary>
    public double Raise(double isolationScore, double excess) =>
        excess <= DeadZone ? isolationScore : isolationScore + ((1 - isolationScore) * (1 - Math.Pow(2, -(excess - DeadZone) / HalfDistance)));
}
