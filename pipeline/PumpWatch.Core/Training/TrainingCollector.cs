using System.Globalization;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Baselines;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Training;

/// <summary>
/// Collects the model features of complete, unscored windows that pass a filter (a warm-up, a time range, the first readings of
/// each pump), then trains a model on them. Every host trains this way: the demo, <c>train</c> and <c>backtest</c>.
/// With per-pump baselines (the default, <see cref="TrainingOptions.PerPumpBaselines"/>) the first part of the period
/// teaches each pump's baseline and the forest its residuals; the rest is held out to calibrate the alert budget.
/// </summary>
public sealed class TrainingCollector : DetectionSink
{
    // Time-of-day terms need the fitted part of the training period to cover at least half a day (sin and cos of the hour are then both pinned down), or they would fit noise.
    private static readonly long DailyMicros = (long)TimeSpan.FromHours(12).TotalMicroseconds;

    private readonly FeatureSet _modelFeatures;
    private readonly Func<ScoredWindow, bool> _include;
    private readonly int[] _columns;
    private readonly List<double> _rows = [];
    private readonly HashSet<(string Pump, long Start)> _used = [];

    // The baselines' inputs, when the pipeline computes them all (null otherwise), and each collected window's pump and times.
    private readonly IReadOnlyList<string> _sensors;
    private readonly int[]? _inputColumns;
    private readonly List<double> _inputs = [];
    private readonly List<(string Pump, long Start, long End)> _windows = [];

    /// <exception cref="ModelMismatchException">A model feature is not computed by the pipeline.</exception>
    public TrainingCollector(FeatureSet pipelineFeatures, FeatureSet modelFeatures, Func<ScoredWindow, bool> include)
    {
        ArgumentNullException.ThrowIfNull(pipelineFeatures);
        ArgumentNullException.ThrowIfNull(modelFeatures);
        ArgumentNullException.ThrowIfNull(include);
        _modelFeatures = modelFeatures;
        _include = include;
        _columns = new int[modelFeatures.Count];
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i] = pipelineFeatures.IndexOf(modelFeatures.Names[i]);
            if (_columns[i] < 0)
            {
                throw new ModelMismatchException($"feature '{modelFeatures.Names[i]}' is not computed by this pipeline");
            }
        }

        _sensors = Enumerable.Range(0, modelFeatures.Count).Select(modelFeatures.SensorOf).Distinct(StringComparer.Ordinal).ToArray();
        var inputs = new ResidualLayout(_sensors, daily: false).Inputs.Select(pipelineFeatures.IndexOf).ToArray();
        _inputColumns = inputs.All(i => i >= 0) ? inputs : null;
    }

    public int Windows { get; private set; }

    public long? From { get; private set; }

    public long? To { get; private set; }

    public override void OnWindow(ScoredWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (!window.Complete || !double.IsNaN(window.Score) || !_include(window))
        {
            return;
        }

        foreach (var column in _columns)
        {
            _rows.Add(window.Features[column]);
        }

        if (_inputColumns is not null)
        {
            foreach (var column in _inputColumns)
            {
                _inputs.Add(window.Features[column]);
            }
        }

        _windows.Add((window.PumpId, window.Start, window.End));
        Windows++;
        _used.Add((window.PumpId, window.Start));
        From = Math.Min(From ?? window.Start, window.Start);
        To = Math.Max(To ?? window.End, window.End);
    }

    /// <summary>Whether the window of <paramref name="pump"/> starting at <paramref name="start"/> was trained on (a backtest leaves those out of its metrics).</summary>
    public bool Used(string pump, long start) => _used.Contains((pump, start));

    /// <summary>Trains on what was collected.</summary>
    /// <exception cref="TrainingDataException">Fewer than two windows were collected, or (with baselines) no pump ran.</exception>
    public AnomalyModel Train(TrainingOptions options, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Windows < 2)
        {
            throw new TrainingDataException($"only {Windows} window(s) to train on: give more data, a longer warm-up, or shorter windows");
        }

        var from = From is { } f ? EventTime.ToDateTimeOffset(f) : (DateTimeOffset?)null;
        var to = To is { } t ? EventTime.ToDateTimeOffset(t) : (DateTimeOffset?)null;
        // A short period is not enough for per-pump baselines: scales learned from a few hours, before the daily cycle
        // has shown itself, are too tight for the rest of the day (measured on the backtest of renamed historian columns,
        // three hours of training: 81 of 120 healthy windows above the calibrated threshold), so a fitted part shorter than
        // half a day keeps the fleet-wide training envelope. Without a flow sensor the baselines judge recent levels (see
        // ResidualLayout): measured on NAB's machine temperature, single-window levels against the pump's own median gave
        // 30 false alerts over the series, the training envelope 2 false alerts and 2 of 4 failures, recent levels 4 of 4.
        if (WithoutBaselines(options) is not null)
        {
            return AnomalyModel.Train(_rows.ToArray(), _modelFeatures.Names, options, created, FeatureSet.Version, from, to);
        }

        return TrainWithBaselines(options, created, from, to);
    }

    /// <summary>
    /// Why <see cref="Train"/> keeps the fleet-wide training envelope for what was collected instead of fitting per-pump
    /// baselines and an alert budget, in words a user can act on; null when it fits them.
    /// </summary>
    public string? WithoutBaselines(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.PerPumpBaselines)
        {
            return "per-pump baselines are turned off in the training options";
        }

        if (_inputColumns is null)
        {
            return $"the model's features ({string.Join(", ", _modelFeatures.Names)}) leave out inputs the baselines need";
        }

        var span = (To ?? 0) - (From ?? 0);
        if (span * (1 - options.CalibrationShare) >= DailyMicros)
        {
            return null;
        }

        // The last CalibrationShare of the period is held out to calibrate the alert budget; the rest must span half a day.
        var needed = TimeSpan.FromMicroseconds(DailyMicros / (1 - options.CalibrationShare));
        return string.Create(CultureInfo.InvariantCulture,
            $"the training windows span {TimeSpan.FromMicroseconds(span).TotalHours:0.#} h and baselines need {needed.TotalHours:0.#} h (half a day to fit, the last {options.CalibrationShare * 100:0}% held out to calibrate the alert budget)");
    }

    private AnomalyModel TrainWithBaselines(TrainingOptions options, DateTimeOffset created, DateTimeOffset? from, DateTimeOffset? to)
    {
        var width = _inputColumns!.Length;
        var first = From!.Value;
        var cut = first + (long)((To!.Value - first) * (1 - options.CalibrationShare));
        var fit = Enumerable.Range(0, Windows).Where(i => _windows[i].Start < cut).ToList();
        var held = Enumerable.Range(0, Windows).Where(i => _windows[i].Start >= cut).ToList();
        if (fit.Count < 2 || held.Count == 0)
        {
            (fit, held) = (Enumerable.Range(0, Windows).ToList(), []);
        }

        var fitEnd = fit.Max(i => _windows[i].End);
        var layout = new ResidualLayout(_sensors, daily: fitEnd - first >= DailyMicros);
        var data = _inputs.ToArray();
        var rows = fit.SelectMany(i => data.AsSpan(i * width, width).ToArray()).ToArray();
        var baselines = PumpBaselines.Fit(layout, rows, fit.Select(i => _windows[i].Pump).ToList(), fit.Select(i => _windows[i].Start).ToList());

        // The forest learns the residuals of the running windows; stopped and transition windows are never scored. Each
        // pump's recent levels (a layout without flow) run through its windows in time order, as they will when scored,
        // with no drift: training defines the baseline the drift later moves from.
        var z = new double[layout.Names.Count];
        var residuals = new List<double>();
        var states = new Dictionary<string, LevelDrift>(StringComparer.Ordinal);
        LevelDrift StateOf(string pump) => states.TryGetValue(pump, out var state) ? state : states[pump] = new LevelDrift("", layout.Names.Count);
        fit = fit.OrderBy(i => _windows[i].Start).ToList();
        foreach (var i in fit)
        {
            var (pump, start, end) = _windows[i];
            if (baselines.Residuals(data.AsSpan(i * width, width), pump, start, StateOf(pump), TimeSpan.FromMicroseconds(end - start), z, out _) == OperatingState.Running)
            {
                residuals.AddRange(z);
            }
        }

        if (residuals.Count < 2 * z.Length)
        {
            throw new TrainingDataException($"fewer than two windows of a running pump among the {Windows} to train on: train on a period when the pumps ran");
        }

        var model = AnomalyModel.Train(residuals.ToArray(), layout.Names, options, created, FeatureSet.Version, from, to, PumpBaselines.EvidenceHalfDistance).WithBaselines(baselines, null);
        if (options.FixedThreshold is not null || held.Count == 0)
        {
            return model;
        }

        // The held-out windows carry on each pump's recent levels from its fitted part.
        var sequences = held.GroupBy(i => _windows[i].Pump, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<(long, double)>)g.OrderBy(i => _windows[i].Start)
                .Select(i => (_windows[i].End, model.ScoreWindow(data.AsSpan(i * width, width), _windows[i].Pump, _windows[i].Start, StateOf(_windows[i].Pump),
                    TimeSpan.FromMicroseconds(_windows[i].End - _windows[i].Start), z, out _))).ToList())
            .ToList();
        var pumpDays = sequences.Count * (To!.Value - cut) / 86_400e6;
        var calibration = AlertBudget.Calibrate(sequences, pumpDays, options.FalseAlertsPerPumpDay, AlertPolicyOptions.Default);

        // Never below the forest's own (1 - false-alarm-rate) quantile of the training windows: a short held-out part can put
        // the budget's threshold inside the forest's healthy range (measured on the README's historian quick start, one
        // pump held out for six hours: 0.498 against 0.52-0.53 healthy scores, an alert every few hours).
        if (calibration.Threshold < model.Threshold.Value)
        {
            calibration = calibration with { Threshold = model.Threshold.Value, CalibrationAlerts = AlertBudget.Alerts(sequences, AlertPolicyOptions.Default with { K = calibration.K, N = calibration.N }, model.Threshold.Value) };
        }

        return model.WithBaselines(baselines, calibration);
    }
}
