using MathNet.Numerics.LinearAlgebra;

namespace PumpWatch.Core.Baselines;

/// <summary>
/// The per-pump baselines of a model: each trained pump's own <see cref="PumpBaseline"/>, and a fleet baseline learned
/// from every pump's running windows together for a pump the model has not seen (a wider yardstick: other pumps'
/// curves are in it). A new pump gets its own baseline by training again on a period that includes its healthy running
/// (at least <see cref="MinWindows"/> running windows); until then it is judged against the fleet.
/// </summary>
public sealed class PumpBaselines
{
    /// <summary>Running windows a pump needs to get its own baseline.</summary>
    public const int MinWindows = 30;

    /// <summary>
    /// Smallest scale of a missing-share residual: one message in forty missing is one unit, so a sensor missing from a
    /// third of a pump's messages, when its healthy messages always carry it, stands far out.
    /// </summary>
    public const double MissingScaleFloor = 0.025;

    /// <summary>
    /// Residual deviations that close half the gap between a window's isolation score and 1 past the envelope's dead zone:
    /// residuals run to tens of deviations for a fault, so the score keeps its resolution where thresholds fall.
    /// </summary>
    public const double EvidenceHalfDistance = 8;

    /// <summary>
    /// Smallest scale of a temperature residual, as a share of the pump's running temperature: one day of training fits
    /// the daily cycle so closely (0.25-0.45 degC) that the site's weather over the next days (a swing of 1-4 degC and a
    /// trend of up to 0.5 degC a day) would be tens of deviations; measured on the tuning seeds, a floor of 1.5% (about
    /// 1.1 degC at 75 degC) kept those alerts out while an overheating motor (+12 degC or more) still stands far out.
    /// </summary>
    public const double TemperatureScaleFloor = 0.04;

    /// <summary>
    /// A running motor this many of its own deviations cooler than its load and the hour explain, and warming, is still
    /// coming up to temperature after a start (about 40 minutes for a motor 40 degC above ambient with a 10-minute lag).
    /// </summary>
    public const double WarmingZ = 3;

    // Smallest scale of a level or spread residual relative to the sensor's level: a sensor that was nearly constant in
    // training still needs a unit, and a thousandth of its size makes any real change stand out.
    private const double RelativeScaleFloor = 1e-3;

    public PumpBaselines(ResidualLayout layout, PumpBaseline fleet, IReadOnlyDictionary<string, PumpBaseline> pumps)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(pumps);
        Layout = layout;
        Fleet = fleet;
        Pumps = pumps;
    }

    public ResidualLayout Layout { get; }

    public PumpBaseline Fleet { get; }

    public IReadOnlyDictionary<string, PumpBaseline> Pumps { get; }

    /// <summary>The pump's own baseline, or the fleet's for a pump not trained on.</summary>
    public PumpBaseline For(string pumpId) => Pumps.TryGetValue(pumpId, out var own) ? own : Fleet;

    /// <summary>
    /// The pump's operating state in a window and, when running, its residual features into <paramref name="z"/> with
    /// the largest evidence (see <see cref="PumpBaseline.Transform"/>); <paramref name="z"/> is left as it was otherwise.
    /// </summary>
    public OperatingState Residuals(ReadOnlySpan<double> inputs, string pumpId, long windowStart, Span<double> z, out double evidence) =>
        Residuals(inputs, pumpId, windowStart, [], z, out evidence);

    /// <summary>
    /// As <see cref="Residuals(ReadOnlySpan{double}, string, long, Span{double}, out double)"/>, with the pump's level
    /// drift (<see cref="LevelDrift"/>, one value per residual; empty for none) taken from its level residuals first.
    /// </summary>
    public OperatingState Residuals(ReadOnlySpan<double> inputs, string pumpId, long windowStart, ReadOnlySpan<double> drift, Span<double> z, out double evidence) =>
        Residuals(inputs, pumpId, windowStart, null, drift, TimeSpan.Zero, z, out evidence);

    /// <summary>
    /// As <see cref="Residuals(ReadOnlySpan{double}, string, long, ReadOnlySpan{double}, Span{double}, out double)"/>, with
    /// the pump's runtime state <paramref name="state"/> (null for none): a running window's recent levels move by it
    /// and replace the window's own (<see cref="LevelDrift.Smooth"/>; a <paramref name="window"/> of zero reads them
    /// unmoved), then its drift is taken off.
    /// </summary>
    public OperatingState Residuals(ReadOnlySpan<double> inputs, string pumpId, long windowStart, LevelDrift? state, TimeSpan window, Span<double> z, out double evidence) =>
        Residuals(inputs, pumpId, windowStart, state, state is null ? [] : state.Offsets, window, z, out evidence);

    private OperatingState Residuals(ReadOnlySpan<double> inputs, string pumpId, long windowStart, LevelDrift? recent, ReadOnlySpan<double> drift, TimeSpan window, Span<double> z, out double evidence)
    {
        evidence = 0;
        var baseline = For(pumpId);
        var state = baseline.State(Layout, inputs);
        if (state == OperatingState.Running)
        {
            evidence = baseline.Transform(Layout, inputs, windowStart, z);
            var smooth = recent is not null && recent.Recent.Length == z.Length && !Layout.HasFlow;
            if (smooth)
            {
                recent!.Smooth(Layout, z, window);
            }

            if (drift.Length == z.Length)
            {
                for (var r = 0; r < z.Length; r++)
                {
                    if (Layout.Residuals[r].Kind == ResidualKind.Level && double.IsFinite(drift[r]))
                    {
                        z[r] -= drift[r];
                    }
                }
            }

            // The evidence of the residuals as scored: once more only when the recent levels or the drift moved them.
            if (smooth || drift.Length == z.Length)
            {
                evidence = 0;
                for (var r = 0; r < z.Length; r++)
                {
                    evidence = Math.Max(evidence, PumpBaseline.Evidence(Layout.Residuals[r], z[r]));
                }
            }

            if (Layout.TemperatureLevel >= 0 && z[Layout.TemperatureLevel] < -WarmingZ && inputs[Layout.TemperatureSlope] > 0)
            {
                // A motor warming up after a start: its temperature and its spread describe the start, as its flow did a minute before.
                evidence = 0;
                return OperatingState.Transition;
            }
        }

        return state;
    }

    /// <summary>
    /// Learns every pump's baseline and the fleet's from training windows: <paramref name="rows"/> holds each window's
    /// <see cref="ResidualLayout.Inputs"/> (row-major), <paramref name="pumps"/> and <paramref name="starts"/> its pump
    /// and start. Only running windows are learned from.
    /// </summary>
    public static PumpBaselines Fit(ResidualLayout layout, ReadOnlySpan<double> rows, IReadOnlyList<string> pumps, IReadOnlyList<long> starts)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(pumps);
        ArgumentNullException.ThrowIfNull(starts);
        var width = layout.Inputs.Count;
        if (rows.Length != pumps.Count * width || starts.Count != pumps.Count)
        {
            throw new ArgumentException($"expected {pumps.Count} rows of {width} inputs", nameof(rows));
        }

        var data = rows.ToArray();
        var byPump = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < pumps.Count; i++)
        {
            if (!byPump.TryGetValue(pumps[i], out var list))
            {
                byPump[pumps[i]] = list = [];
            }

            list.Add(i);
        }

        var own = new Dictionary<string, PumpBaseline>(StringComparer.Ordinal);
        var levels = new List<(double Flow, double Pressure, List<int> Running)>();
        foreach (var (pump, indices) in byPump)
        {
            var (flow, pressure) = RunningLevels(layout, data, indices);
            var running = Running(layout, data, indices, flow, pressure);
            levels.Add((flow, pressure, running));
            if (running.Count >= MinWindows)
            {
                own[pump] = FitOne(layout, data, starts, running, flow, pressure);
            }
        }

        var fleetFlow = RobustStatistics.Median(levels.Select(l => l.Flow).ToList());
        var fleetPressure = RobustStatistics.Median(levels.Select(l => l.Pressure).ToList());
        var all = levels.SelectMany(l => l.Running).Order().ToList();
        var fleet = FitOne(layout, data, starts, all.Count > 0 ? all : Enumerable.Range(0, pumps.Count).ToList(), fleetFlow, fleetPressure);
        return new PumpBaselines(layout, fleet, own);
    }

    private static (double Flow, double Pressure) RunningLevels(ResidualLayout layout, double[] data, List<int> indices)
    {
        if (!layout.HasFlow)
        {
            return (double.NaN, double.NaN);
        }

        var width = layout.Inputs.Count;
        // The 90th percentile: a pump on batch duty may be stopped for much of the period, so its median can be zero.
        var flow = RobustStatistics.Quantile(indices.Select(i => data[(i * width) + layout.FlowMean]).ToList(), 0.9);
        if (!layout.HasPressure)
        {
            return (flow, double.NaN);
        }

        var pressure = RobustStatistics.Median(indices.Where(i => data[(i * width) + layout.FlowMean] >= PumpBaseline.TransitionFlowShare * flow)
            .Select(i => data[(i * width) + layout.PressureMean]).ToList());
        return (flow, pressure);
    }

    private static List<int> Running(ResidualLayout layout, double[] data, List<int> indices, double flow, double pressure)
    {
        var width = layout.Inputs.Count;
        var probe = new PumpBaseline(flow, pressure, [], [], [], 0);
        return indices.Where(i => probe.State(layout, data.AsSpan(i * width, width)) == OperatingState.Running).ToList();
    }

    private static PumpBaseline FitOne(ResidualLayout layout, double[] data, IReadOnlyList<long> starts, List<int> rows, double flow, double pressure)
    {
        var width = layout.Inputs.Count;
        var n = layout.Residuals.Count;
        var coefficients = new double[n][];
        var center = new double[n];
        var scale = new double[n];
        for (var r = 0; r < n; r++)
        {
            var feature = layout.Residuals[r];
            var level = RobustStatistics.Median(rows.Select(i => data[(i * width) + layout.MeanInput[r]]).ToList());
            var floor = Math.Max(RelativeScaleFloor * Math.Abs(level), 1e-9);
            coefficients[r] = [];
            List<double> values;
            switch (feature.Kind)
            {
                case ResidualKind.Level:
                    (coefficients[r], values) = FitLevel(layout, r, data, starts, rows, flow);
                    if (layout.IsTemperatureLevel(r))
                    {
                        floor = Math.Max(floor, TemperatureScaleFloor * Math.Abs(level));
                        var slopes = rows.Select(i => data[(i * width) + layout.TemperatureSlope]).ToList();
                        var slopeScale = RobustStatistics.Scale(slopes, RobustStatistics.Median(slopes));
                        coefficients[r] = [.. coefficients[r], double.IsNaN(slopeScale) ? 0 : slopeScale];
                    }

                    break;
                case ResidualKind.Spread:
                    (coefficients[r], values) = FitSpread(layout, r, data, rows);
                    break;
                case ResidualKind.Stuck:
                    center[r] = rows.Count == 0 ? 0 : (double)rows.Count(i => data[(i * width) + layout.PresentInput[r]] >= 0.5 && data[(i * width) + layout.RangeInput[r]] == 0) / rows.Count;
                    scale[r] = 1;
                    continue;
                default:
                    values = rows.Select(i => 1 - data[(i * width) + layout.PresentInput[r]]).ToList();
                    floor = MissingScaleFloor;
                    break;
            }

            var median = RobustStatistics.Median(values);
            center[r] = double.IsNaN(median) ? 0 : median;
            var spread = RobustStatistics.Scale(values, center[r]);
            scale[r] = spread > floor ? spread : floor;
        }

        return new PumpBaseline(flow, pressure, coefficients, center, scale, rows.Count);
    }

    /// <summary>Least squares of the sensor's mean on its regressors, and the residuals.</summary>
    private static (double[] Beta, List<double> Residuals) FitLevel(ResidualLayout layout, int r, double[] data, IReadOnlyList<long> starts, List<int> rows, double flow)
    {
        var width = layout.Inputs.Count;
        var k = layout.RegressorCount(r);
        var x = new double[k];
        var design = new List<double[]>();
        var target = new List<double>();
        foreach (var i in rows)
        {
            var inputs = data.AsSpan(i * width, width);
            var y = inputs[layout.MeanInput[r]];
            layout.Regressors(inputs, starts[i], flow, x);
            if (double.IsFinite(y) && x.All(double.IsFinite))
            {
                design.Add((double[])x.Clone());
                target.Add(y);
            }
        }

        return LeastSquares(design, target, k);
    }

    /// <summary>Least squares of the sensor's range on 1 and its absolute slope, and the residuals.</summary>
    private static (double[] Beta, List<double> Residuals) FitSpread(ResidualLayout layout, int r, double[] data, List<int> rows)
    {
        var width = layout.Inputs.Count;
        var design = new List<double[]>();
        var target = new List<double>();
        foreach (var i in rows)
        {
            var y = data[(i * width) + layout.RangeInput[r]];
            var slope = data[(i * width) + layout.SlopeInput[r]];
            if (double.IsFinite(y) && double.IsFinite(slope))
            {
                design.Add([1, Math.Abs(slope)]);
                target.Add(y);
            }
        }

        return LeastSquares(design, target, ResidualLayout.SpreadRegressors);
    }

    private static (double[] Beta, List<double> Residuals) LeastSquares(List<double[]> design, List<double> target, int k)
    {

        var beta = new double[k];
        if (design.Count < k + 2)
        {
            // Too few windows for the fit: the level's median alone.
            beta[0] = target.Count > 0 ? RobustStatistics.Median(target) : 0;
        }
        else
        {
            // Normal equations: k is at most 6 while the windows run to tens of thousands for the fleet. A ridge of a
            // billionth of the trace keeps a degenerate design (a pump held at one flow) solvable without moving a sound fit.
            var a = Matrix<double>.Build.DenseOfRowArrays(design);
            var gram = a.TransposeThisAndMultiply(a);
            var ridge = 1e-9 * gram.Trace();
            for (var c = 0; c < k; c++)
            {
                gram[c, c] += ridge;
            }

            beta = gram.Solve(a.TransposeThisAndMultiply(Vector<double>.Build.DenseOfEnumerable(target))).ToArray();
        }

        var residuals = new List<double>(design.Count);
        for (var j = 0; j < design.Count; j++)
        {
            var fit = 0.0;
            for (var c = 0; c < k; c++)
            {
                fit += beta[c] * design[j][c];
            }

            residuals.Add(target[j] - fit);
        }

        return (beta, residuals);
    }
}
