using MathNet.Numerics.Random;
using PumpWatch.Core.Baselines;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Tests.Baselines;

public sealed class PumpBaselinesTests
{
    private const double CoefficientTolerance = 1e-6;

    // The fit adds a ridge of a billionth of the normal matrix's trace (which runs to thousands here): it moves the
    // coefficients in about the eighth significant digit.
    private const double RidgeTolerance = 1e-4;
    private const long Minute = 60_000_000;

    // Pump A: pressure = 150 + 160 q^2 along its system curve (q = flow / 700); pump B: 140 + 190 q^2 (flow / 600).
    private static (ResidualLayout Layout, PumpBaselines Baselines, List<double[]> RowsA) Fit()
    {
        var layout = new ResidualLayout(TutorialSensors.All, daily: false);
        var rng = new MersenneTwister(7);
        var rows = new List<double>();
        var pumps = new List<string>();
        var starts = new List<long>();
        var rowsA = new List<double[]>();
        foreach (var (pump, nominal, ps, r) in new[] { ("A", 700.0, 150.0, 160.0), ("B", 600.0, 140.0, 190.0) })
        {
            for (var i = 0; i < 200; i++)
            {
                var flow = nominal * (0.9 + (0.1 * rng.NextDouble()));
                var q = flow / nominal;
                var row = Window(layout, temperature: 70 + rng.NextDouble(), pressure: ps + (r * q * q) + (rng.NextDouble() - 0.5), flow, vibration: 1.5 + (0.1 * rng.NextDouble()), range: 0.5 + (0.2 * rng.NextDouble()));
                rows.AddRange(row);
                pumps.Add(pump);
                starts.Add(i * Minute);
                if (pump == "A")
                {
                    rowsA.Add(row);
                }
            }
        }

        return (layout, PumpBaselines.Fit(layout, rows.ToArray(), pumps, starts), rowsA);
    }

    /// <summary>A running window's inputs: the given means, every sensor present in every message, the given range, no trend.</summary>
    private static double[] Window(ResidualLayout layout, double temperature, double pressure, double flow, double vibration, double range, double flowMin = double.NaN, double present = 1)
    {
        var means = new Dictionary<string, double> { ["temperature"] = temperature, ["pressure"] = pressure, ["flow_rate"] = flow, ["vibration"] = vibration };
        return layout.Inputs.Select(name =>
        {
            var dot = name.LastIndexOf('.');
            var (sensor, stat) = (name[..dot], name[(dot + 1)..]);
            return stat switch
            {
                "mean" => means[sensor],
                "range" => range,
                "present_share" => present,
                "slope_per_min" => 0.0,
                "min" => double.IsNaN(flowMin) ? means[sensor] - (range / 2) : flowMin,
                _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not an input"),
            };
        }).ToArray();
    }

    [Fact]
    public void PressureCurve_IsTheLeastSquaresFitOnQSquared_RecomputedIndependently()
    {
        var (layout, baselines, rowsA) = Fit();
        var a = baselines.Pumps["A"];
        var flowMean = layout.Inputs.ToList().IndexOf("flow_rate.mean");
        var pressureMean = layout.Inputs.ToList().IndexOf("pressure.mean");
        var running = a.RunningFlow;

        // Independent: MathNet's own linear least squares of y on 1 and q^2, q = flow over the pump's 90th-percentile flow.
        var q2 = rowsA.Select(r => Math.Pow(r[flowMean] / running, 2)).ToArray();
        var (intercept, slope) = MathNet.Numerics.Fit.Line(q2, rowsA.Select(r => r[pressureMean]).ToArray());
        var residual = layout.Names.ToList().IndexOf("pressure.residual_z");
        Assert.Equal(intercept, a.Coefficients[residual][0], RidgeTolerance);
        Assert.Equal(slope, a.Coefficients[residual][1], RidgeTolerance);
    }

    [Fact]
    public void Drift_IsTakenOffTheLevelResidualsOnly_AndTheEvidenceIsTheLargestAfterIt()
    {
        var (layout, baselines, _) = Fit();
        var names = layout.Names.ToList();
        var (pressure, vibration, spread) = (names.IndexOf("pressure.residual_z"), names.IndexOf("vibration.residual_z"), names.IndexOf("pressure.spread_z"));

        // A seal leak at full flow (pressure 18% below the curve): tens of deviations.
        var leak = Window(layout, 70.5, 310 * 0.82, 700, 1.55, 0.6);
        var plain = new double[names.Count];
        baselines.Residuals(leak, "A", 0, plain, out _);
        var drift = new double[names.Count];
        drift[pressure] = -10;
        drift[vibration] = 0.25;
        drift[spread] = 7;
        var z = new double[names.Count];
        baselines.Residuals(leak, "A", 0, drift, z, out var evidence);

        Assert.Equal(plain[pressure] + 10, z[pressure], CoefficientTolerance);
        Assert.Equal(plain[vibration] - 0.25, z[vibration], CoefficientTolerance);
        Assert.Equal(plain[spread], z[spread]);

        // The leak's pressure residual, 10 deviations less negative, is still the largest evidence (either way counts).
        Assert.Equal(Math.Abs(plain[pressure] + 10), evidence, CoefficientTolerance);
    }

    [Fact]
    public void SealLeak_StandsOut_WhileALoadChangeAlongTheCurveDoesNot()
    {
        var (layout, baselines, _) = Fit();
        var z = new double[layout.Names.Count];
        var residual = layout.Names.ToList().IndexOf("pressure.residual_z");

        // A set-point 12% lower: flow 616, pressure on pump A's curve 150 + 160 (0.88)^2 = 273.9 psi.
        var load = Window(layout, 70.5, 150 + (160 * 0.88 * 0.88), 616, 1.55, 0.6);
        Assert.Equal(OperatingState.Running, baselines.Residuals(load, "A", 0, z, out _));
        Assert.InRange(Math.Abs(z[residual]), 0, 3);

        // A seal leak at full flow: pressure 18% below the curve's 310 psi.
        var leak = Window(layout, 70.5, 310 * 0.82, 700, 1.55, 0.6);
        baselines.Residuals(leak, "A", 0, z, out var evidence);
        Assert.True(z[residual] < -50, $"seal leak z {z[residual]}");
        Assert.True(evidence > 50);
    }

    [Fact]
    public void OperatingState_FollowsTheFlowAgainstThePumpsOwnRunningFlow()
    {
        var (layout, baselines, _) = Fit();
        var z = new double[layout.Names.Count];
        var running = baselines.Pumps["A"].RunningFlow;
        Assert.Equal(OperatingState.Stopped, baselines.Residuals(Window(layout, 40, 0, 0.1 * running, 0.1, 0), "A", 0, z, out var stoppedEvidence));
        Assert.Equal(0, stoppedEvidence);

        // A start inside the window: its lowest flow is a third of the running flow.
        Assert.Equal(OperatingState.Transition, baselines.Residuals(Window(layout, 70, 300, 0.8 * running, 1.5, 0.6, flowMin: running / 3), "A", 0, z, out _));
        Assert.Equal(OperatingState.Running, baselines.Residuals(Window(layout, 70.5, 310, running, 1.55, 0.6), "A", 0, z, out _));
    }

    [Fact]
    public void StuckAndMissingSensors_AreEvidence()
    {
        var (layout, baselines, _) = Fit();
        var z = new double[layout.Names.Count];
        var names = layout.Names.ToList();

        // Zero range in every sensor where the pump's healthy windows always varied: stuck, evidence StuckZ.
        baselines.Residuals(Window(layout, 70.5, 310, 700, 1.55, 0), "A", 0, z, out var stuck);
        Assert.Equal(1, z[names.IndexOf("vibration.stuck")]);
        Assert.Equal(PumpBaseline.StuckZ, stuck);

        // Half the messages without each sensor, healthy windows never missing one: (0.5 - 0) / 0.025 = 20 by hand.
        baselines.Residuals(Window(layout, 70.5, 310, 700, 1.55, 0.6, present: 0.5), "A", 0, z, out _);
        Assert.Equal(20, z[names.IndexOf("vibration.missing_z")], CoefficientTolerance);
    }

    [Fact]
    public void UnseenPump_IsJudgedAgainstTheFleet()
    {
        var (_, baselines, _) = Fit();
        Assert.Same(baselines.Fleet, baselines.For("C"));
        Assert.NotSame(baselines.Fleet, baselines.For("A"));
        Assert.Equal(400, baselines.Fleet.Windows);
    }
}
