using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Baselines;

/// <summary>
/// The per-pump detector's feature set (<see cref="Version"/>): which window features it reads from the pipeline
/// (<see cref="Inputs"/>) and which residual features it turns them into (<see cref="Residuals"/>), for a list of
/// sensors. With a flow sensor every other sensor's level is a residual against the pump's operating point: the
/// window mean minus a least-squares fit on 1 and q^2, q the flow over the pump's running flow. The operating point
/// lies on the system curve P = Ps + R Q^2 whatever the speed, so pressure is linear in q^2; so is vibration (~ speed^2,
/// and speed^2 is linear in Q^2 along the curves), and motor heat (~ speed^3) nearly so over a running pump's range. A
/// load or set-point change moves along the curve and is not an anomaly, while a seal leak (pressure down at unchanged
/// flow) or a blockage (a steeper system curve) is. A linear term in q was tried and dropped: over the narrow flow range
/// of one day's training it extrapolated badly when a later set-point took the pump outside it. Temperature's fit also
/// counts only a rise, and only while the motor is not cooling (its slope more than one of its own healthy slope
/// deviations below zero): a motor still warm after its load dropped is not overheating, a motor steady or rising above
/// what its load explains is. (A fit on the slope, T + tau dT/dt, was tried: the slope over a few readings is too
/// noisy, least squares shrinks tau towards 0, and the fit's residual scale grew five-fold.)
/// With <see cref="Daily"/> (a training period of at least a day), levels also fit the time of day (sin, cos), which
/// takes the site's daily ambient cycle out of temperature. Without a flow sensor there is no operating point to explain
/// a level, so a level is the sensor's recent level (<see cref="IsRecentLevel"/>): the window mean against the pump's own
/// median (and hour), averaged over the last hours by the pump's runtime state (<see cref="LevelDrift"/>), since such a
/// machine's healthy excursions (a stop, a duty cycle) last a few hours while a fault holds its level for longer. A
/// spread is the window's range less what its trend explains (a fit on the absolute slope), so a motor warming after a
/// start is not noise while a spike or a burst is.
/// </summary>
public sealed class ResidualLayout
{
    /// <summary>
    /// Version of the residual definitions; a model records it and refuses another. 2 made the level of a layout without a
    /// flow sensor its recent level (<c>sensor.recent_level_z</c>, was <c>sensor.level_z</c> of one window, never trained:
    /// such models kept the training envelope); a layout with flow computes as in <see cref="PreviousVersion"/>.
    /// </summary>
    public const string Version = "pumpwatch.residuals/2";

    /// <summary>The version before: the same residuals for layouts with a flow sensor, whose models still load.</summary>
    public const string PreviousVersion = "pumpwatch.residuals/1";

    /// <summary>
    /// The version a model of this layout records: <see cref="PreviousVersion"/> with a flow sensor, whose residuals did not
    /// change (so their models, old and new, keep their content ids), else <see cref="Version"/>.
    /// </summary>
    public string DefinitionVersion => HasFlow ? PreviousVersion : Version;

    private readonly Dictionary<string, int> _inputIndex = new(StringComparer.Ordinal);
    private readonly List<string> _inputs = [];

    public ResidualLayout(IReadOnlyList<string> sensors, bool daily)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        Sensors = sensors.ToArray();
        Daily = daily;
        HasFlow = sensors.Contains(TutorialSensors.FlowRate);
        HasPressure = HasFlow && sensors.Contains(TutorialSensors.Pressure);
        var residuals = new List<ResidualFeature>();
        var mean = new List<int>();
        var range = new List<int>();
        var present = new List<int>();
        var slope = new List<int>();
        foreach (var sensor in Sensors)
        {
            mean.Add(Input($"{sensor}.mean"));
            range.Add(Input($"{sensor}.range"));
            present.Add(Input($"{sensor}.present_share"));
            slope.Add(Input($"{sensor}.slope_per_min"));
        }

        if (HasFlow)
        {
            FlowMean = Input($"{TutorialSensors.FlowRate}.mean");
            FlowMin = Input($"{TutorialSensors.FlowRate}.min");
            FlowRange = Input($"{TutorialSensors.FlowRate}.range");
        }

        if (HasPressure)
        {
            PressureMean = Input($"{TutorialSensors.Pressure}.mean");
            PressureRange = Input($"{TutorialSensors.Pressure}.range");
        }

        TemperatureSlope = HasFlow && sensors.Contains(TutorialSensors.Temperature) ? Input($"{TutorialSensors.Temperature}.slope_per_min") : -1;
        var meanOf = new List<int>();
        var slopeOf = new List<int>();
        var rangeOf = new List<int>();
        var presentOf = new List<int>();
        for (var s = 0; s < Sensors.Count; s++)
        {
            var sensor = Sensors[s];
            void Add(ResidualFeature feature)
            {
                residuals.Add(feature);
                meanOf.Add(mean[s]);
                rangeOf.Add(range[s]);
                presentOf.Add(present[s]);
                slopeOf.Add(slope[s]);
            }

            if (!(HasFlow && sensor == TutorialSensors.FlowRate))
            {
                var upOnly = HasFlow && sensor == TutorialSensors.Temperature;
                Add(new ResidualFeature(HasFlow ? $"{sensor}.residual_z" : $"{sensor}.recent_level_z", sensor, ResidualKind.Level, upOnly));
            }

            Add(new ResidualFeature($"{sensor}.spread_z", sensor, ResidualKind.Spread, true));
            Add(new ResidualFeature($"{sensor}.stuck", sensor, ResidualKind.Stuck, true));
            Add(new ResidualFeature($"{sensor}.missing_z", sensor, ResidualKind.Missing, true));
        }

        Residuals = residuals;
        TemperatureLevel = TemperatureSlope < 0 ? -1 : residuals.FindIndex(r => r.Kind == ResidualKind.Level && r.Sensor == TutorialSensors.Temperature);
        Names = residuals.Select(r => r.Name).ToArray();
        MeanInput = meanOf.ToArray();
        RangeInput = rangeOf.ToArray();
        PresentInput = presentOf.ToArray();
        SlopeInput = slopeOf.ToArray();
    }

    /// <summary>The sensors the residuals describe, in order.</summary>
    public IReadOnlyList<string> Sensors { get; }

    /// <summary>Whether levels fit the time of day.</summary>
    public bool Daily { get; }

    public bool HasFlow { get; }

    /// <summary>The pipeline features read, in the order the detector expects them.</summary>
    public IReadOnlyList<string> Inputs => _inputs;

    public IReadOnlyList<ResidualFeature> Residuals { get; }

    public IReadOnlyList<string> Names { get; }

    /// <summary>
    /// Whether residual <paramref name="residual"/> is a recent level: a level of a layout without a flow sensor, which the
    /// pump's runtime state averages over <see cref="LevelDrift.RecentTimeConstant"/> before it is scored.
    /// </summary>
    public bool IsRecentLevel(int residual) => !HasFlow && Residuals[residual].Kind == ResidualKind.Level;

    /// <summary>Regressors of a level fit: 1, and q^2 with flow; sin, cos of the time of day when daily.</summary>
    public int RegressorCount(int residual) => (HasFlow ? 2 : 1) + (Daily ? 2 : 0);

    internal bool HasPressure { get; }

    internal int FlowMean { get; } = -1;

    internal int FlowMin { get; } = -1;

    internal int FlowRange { get; } = -1;

    internal int PressureMean { get; } = -1;

    internal int PressureRange { get; } = -1;

    internal int TemperatureSlope { get; }

    /// <summary>The temperature level residual's position when temperature is fitted on flow, else -1.</summary>
    internal int TemperatureLevel { get; }

    internal int[] MeanInput { get; }

    internal int[] RangeInput { get; }

    internal int[] PresentInput { get; }

    internal int[] SlopeInput { get; }

    /// <summary>Coefficients a level residual keeps: its fit, and for temperature its healthy slope's robust scale last.</summary>
    public int CoefficientCount(int residual) => RegressorCount(residual) + (IsTemperatureLevel(residual) ? 1 : 0);

    /// <summary>Regressors of a spread fit: 1 and the window's absolute slope, as a steady trend widens a window's range.</summary>
    public const int SpreadRegressors = 2;

    internal bool IsTemperatureLevel(int residual) =>
        TemperatureSlope >= 0 && Residuals[residual].Kind == ResidualKind.Level && Residuals[residual].Sensor == TutorialSensors.Temperature;

    /// <summary>The regressors of a level fit for one window into <paramref name="x"/>.</summary>
    internal void Regressors(ReadOnlySpan<double> inputs, long windowStart, double runningFlow, Span<double> x)
    {
        var i = 0;
        x[i++] = 1;
        if (HasFlow)
        {
            var q = inputs[FlowMean] / runningFlow;
            x[i++] = q * q;
        }

        if (Daily)
        {
            // Window start in microseconds since the epoch; days start at midnight UTC, as the time of day is all that matters.
            var phase = 2 * Math.PI * (((windowStart % DayMicros) + DayMicros) % DayMicros) / DayMicros;
            x[i++] = Math.Sin(phase);
            x[i] = Math.Cos(phase);
        }
    }

    private const long DayMicros = 86_400_000_000;

    private int Input(string name)
    {
        if (!_inputIndex.TryGetValue(name, out var index))
        {
            index = _inputs.Count;
            _inputs.Add(name);
            _inputIndex[name] = index;
        }

        return index;
    }
}
