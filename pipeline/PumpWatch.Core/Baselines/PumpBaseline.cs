namespace PumpWatch.Core.Baselines;

/// <summary>
/// One pump's healthy behaviour, learned from its own running training windows: its running flow, and per residual
/// feature the fit coefficients (levels), the centre and the robust scale (1.4826 x the median absolute deviation).
/// A residual z is (value - fit - centre) / scale, so a pump is judged against itself: another pump's normal does not
/// widen its range. For <see cref="ResidualKind.Stuck"/> the centre is the share of its training windows in which the
/// sensor already read one value throughout (the feature is off for a sensor that does that in healthy running).
/// </summary>
public sealed class PumpBaseline
{
    /// <summary>Below this share of its running flow a pump is stopped.</summary>
    public const double StoppedFlowShare = 0.2;

    /// <summary>A window whose flow dips below this share of the running flow holds a start or a stop.</summary>
    public const double TransitionFlowShare = 0.5;

    /// <summary>A window in which both flow and pressure move by this share of their running level holds a set-point step.</summary>
    public const double StepShare = 0.05;

    /// <summary>The residual a stuck sensor counts as: far past any threshold, as a sensor reading one value is certain.</summary>
    public const double StuckZ = 20;

    /// <summary>Above this share of stuck-looking healthy windows a sensor's stuck feature is off.</summary>
    public const double StuckAllowance = 0.01;

    public PumpBaseline(double runningFlow, double runningPressure, IReadOnlyList<double[]> coefficients, IReadOnlyList<double> center, IReadOnlyList<double> scale, int windows)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        ArgumentNullException.ThrowIfNull(center);
        ArgumentNullException.ThrowIfNull(scale);
        if (coefficients.Count != center.Count || center.Count != scale.Count)
        {
            throw new ArgumentException("coefficients, centre and scale differ in length", nameof(scale));
        }

        RunningFlow = runningFlow;
        RunningPressure = runningPressure;
        Coefficients = coefficients;
        Center = center;
        Scale = scale;
        Windows = windows;
    }

    /// <summary>The pump's running flow (90th percentile of its training windows' mean flow); NaN without a flow sensor.</summary>
    public double RunningFlow { get; }

    /// <summary>The pump's running pressure (median over its running windows); NaN without flow and pressure sensors.</summary>
    public double RunningPressure { get; }

    /// <summary>
    /// Per residual: the level fit's coefficients (see <see cref="ResidualLayout.CoefficientCount"/>), the spread fit's
    /// (<see cref="ResidualLayout.SpreadRegressors"/>), empty for the other kinds.
    /// </summary>
    public IReadOnlyList<double[]> Coefficients { get; }

    public IReadOnlyList<double> Center { get; }

    public IReadOnlyList<double> Scale { get; }

    /// <summary>Running windows the baseline was learned from.</summary>
    public int Windows { get; }

    /// <summary>The pump's operating state in a window (always running without a flow sensor).</summary>
    public OperatingState State(ResidualLayout layout, ReadOnlySpan<double> inputs)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (!layout.HasFlow || !(RunningFlow > 0))
        {
            return OperatingState.Running;
        }

        var flow = inputs[layout.FlowMean];
        if (double.IsNaN(flow))
        {
            return OperatingState.Transition;
        }

        if (flow < StoppedFlowShare * RunningFlow)
        {
            return OperatingState.Stopped;
        }

        if (inputs[layout.FlowMin] < TransitionFlowShare * RunningFlow)
        {
            return OperatingState.Transition;
        }

        // A set-point step moves flow and pressure together within the window; a spiking or noisy gauge moves one.
        return layout.HasPressure && RunningPressure > 0 && inputs[layout.FlowRange] > StepShare * RunningFlow
            && inputs[layout.PressureRange] > StepShare * RunningPressure
            ? OperatingState.Transition
            : OperatingState.Running;
    }

    /// <summary>
    /// The residual z of every feature for one window into <paramref name="z"/> (NaN where the sensor is absent), and the
    /// largest evidence: a z in its counting direction (a rise only for up-only features, either way for the others).
    /// </summary>
    public double Transform(ResidualLayout layout, ReadOnlySpan<double> inputs, long windowStart, Span<double> z)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Span<double> x = stackalloc double[8];
        var largest = 0.0;
        for (var r = 0; r < layout.Residuals.Count; r++)
        {
            var feature = layout.Residuals[r];
            double value;
            switch (feature.Kind)
            {
                case ResidualKind.Level:
                    var y = inputs[layout.MeanInput[r]];
                    var beta = Coefficients[r];
                    var count = layout.RegressorCount(r);
                    layout.Regressors(inputs, windowStart, RunningFlow, x[..count]);
                    value = (y - Dot(beta, x[..count]) - Center[r]) / Scale[r];
                    if (count < beta.Length && inputs[layout.TemperatureSlope] < -beta[count])
                    {
                        // A cooling motor: what is left of its warmth is no evidence of overheating.
                        value = Math.Min(value, 0);
                    }

                    break;
                case ResidualKind.Spread:
                    var trend = Math.Abs(inputs[layout.SlopeInput[r]]);
                    value = (inputs[layout.RangeInput[r]] - Coefficients[r][0] - (Coefficients[r][1] * (double.IsNaN(trend) ? 0 : trend)) - Center[r]) / Scale[r];
                    break;
                case ResidualKind.Stuck:
                    // Half the expected readings at least: a sensor seen once or twice has no spread to lose.
                    var present = inputs[layout.PresentInput[r]];
                    value = Center[r] <= StuckAllowance && present >= 0.5 && inputs[layout.RangeInput[r]] == 0 ? 1 : 0;
                    break;
                default:
                    value = (1 - inputs[layout.PresentInput[r]] - Center[r]) / Scale[r];
                    break;
            }

            z[r] = value;
            var evidence = Evidence(feature, value);
            if (evidence > largest)
            {
                largest = evidence;
            }
        }

        return largest;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var k = 0; k < b.Length; k++)
        {
            sum += a[k] * b[k];
        }

        return sum;
    }

    /// <summary>The evidence of one residual z: its value in the counting direction, 0 when NaN or the other way.</summary>
    public static double Evidence(ResidualFeature feature, double z)
    {
        ArgumentNullException.ThrowIfNull(feature);
        var e = feature.Kind == ResidualKind.Stuck ? z * StuckZ : feature.UpOnly ? z : Math.Abs(z);
        return e > 0 ? e : 0;
    }
}
