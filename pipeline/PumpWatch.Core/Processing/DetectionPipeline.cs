using PumpWatch.Core.Alerts;
using PumpWatch.Core.Baselines;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Readings;
using PumpWatch.Core.Windows;

namespace PumpWatch.Core.Processing;

/// <summary>
/// The one path every host runs: decode and validate, window per pump, compute features, score with the model,
/// apply the alert policy, and hand each result to an <see cref="IDetectionSink"/>. No I/O of its own.
/// </summary>
public sealed class DetectionPipeline
{
    private readonly PipelineOptions _options;
    private readonly IDetectionSink _sink;
    private readonly ReadingParser _parser;
    private readonly Windower _windower;
    private readonly ParsedReading _reading = new();
    private AlertPolicy _policy;
    private readonly Dictionary<string, AlertState> _alertStates = new(StringComparer.Ordinal);
    private readonly ScoredWindow _scored;
    private AnomalyModel? _model;
    private int[] _modelColumns = [];
    private double[] _modelInput = [];
    private double[] _residuals = [];
    private readonly Dictionary<string, LevelDrift> _drift = new(StringComparer.Ordinal);

    // Sensor index of each feature in this pipeline's catalog, resolved again when the catalog grows (a new sensor).
    private readonly int[] _featureSensors;
    private int _featureSensorsFor = -1;

    // What the current batch collects (ProcessBatch), and the last record's outcome for its per-record result.
    private BatchResult? _batch;
    private ParseOutcome _lastOutcome;

    // Silent pumps are looked for once per second of stream time; which pumps are silent is window state (it travels
    // with the pump's state string between invocations).
    private readonly long _silentAfterMicros;
    private long _nextSilenceCheck = long.MinValue;
    private const long SilenceCheckMicros = 1_000_000;

    public DetectionPipeline(PipelineOptions options, IDetectionSink sink, AnomalyModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        _options = options;
        _sink = sink;
        Catalog = new SensorCatalog(options.Sensors);
        Pumps = new PumpIdTable();
        _parser = new ReadingParser(Catalog, Pumps, options.Validation);
        _windower = new Windower(options.Windows, Catalog);
        _policy = new AlertPolicy(options.Alerts);
        _scored = new ScoredWindow(options.Features.Count);
        _featureSensors = new int[options.Features.Count];
        _silentAfterMicros = (long)options.PumpSilentAfter.TotalMicroseconds;
        Model = model;
    }

    public SensorCatalog Catalog { get; }

    public PumpIdTable Pumps { get; }

    public PipelineCounters Counters { get; } = new();

    public IReadOnlyList<string> FeatureNames => _options.Features.Names;

    public IReadOnlyDictionary<string, AlertState> AlertStates => _alertStates;

    /// <summary>Which scored windows the alert policy sees (default: all); others are scored and stored only, e.g. a backtest's training period.</summary>
    public Func<ScoredWindow, bool>? AlertFilter { get; set; }

    /// <summary>The model that scores windows; null scores nothing (warm-up). Setting it checks its features.</summary>
    /// <exception cref="ModelMismatchException">The model needs a feature this pipeline does not compute.</exception>
    public AnomalyModel? Model
    {
        get => _model;
        set
        {
            if (value is not null)
            {
                value.EnsureCompatible(_options.Features.Names.ToHashSet(StringComparer.Ordinal), Features.FeatureSet.Version);
                _modelColumns = value.InputFeatures.Select(_options.Features.IndexOf).ToArray();
                _modelInput = new double[_modelColumns.Length];
                _residuals = new double[value.Features.Count];
            }

            // A calibrated model brings the k-of-n policy its threshold was chosen with; the rest of the policy is the host's,
            // but its alert resolves only after 2n normal windows in a row: measured on the tuning seeds, a pump near its
            // threshold (a few windows above, a few below) otherwise opened a new alert every hour or so, and resolving
            // after 15 windows rather than 5 took false alerts from 0.14 to 0.095 a pump-day (one bearing fault on a pump
            // with such an open alert was not opened again).
            _policy = new AlertPolicy(value?.Calibration is { } c
                ? _options.Alerts with { K = c.K, N = c.N, ResolveAfter = Math.Max(_options.Alerts.ResolveAfter, 2 * c.N) }
                : _options.Alerts);
            _model = value;
        }
    }

    /// <summary>Decodes and processes one JSON record.</summary>
    /// <param name="utf8">The record's bytes.</param>
    /// <param name="referenceMicros">Now, for the future-skew check; <see cref="long.MaxValue"/> for replay.</param>
    public ReadingStatus Process(ReadOnlySpan<byte> utf8, long referenceMicros)
    {
        Counters.Records++;
        var outcome = _parser.Parse(utf8, _reading, referenceMicros);
        _lastOutcome = outcome;
        if (!outcome.IsValid)
        {
            Counters.Quarantine(outcome.Reason);
            _sink.OnQuarantined(utf8, _reading.PumpId.Length > 0 ? _reading.PumpId : null,
                _reading.Timestamp != 0 ? _reading.Timestamp : null, outcome.Reason, outcome.Detail ?? "");
            return ReadingStatus.Quarantined;
        }

        return Admit(_reading, utf8);
    }

    /// <summary>Processes a reading decoded elsewhere (CSV, Parquet, simulator), applying the same validation.</summary>
    public ReadingStatus Process(Reading reading, long referenceMicros = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(reading);
        Counters.Records++;
        reading.CopyTo(_reading, Catalog);
        _reading.PumpId = Pumps.Intern(PumpIds.Normalize(reading.PumpId));
        var outcome = _parser.Validate(_reading, referenceMicros);
        if (!outcome.IsValid)
        {
            Counters.Quarantine(outcome.Reason);
            _sink.OnQuarantined([], _reading.PumpId, reading.Timestamp, outcome.Reason, outcome.Detail ?? "");
            return ReadingStatus.Quarantined;
        }

        return Admit(_reading, []);
    }

    /// <summary>
    /// Quarantines a record that a reader rejected before it became a reading (a CSV cell that is not a number, a time
    /// outside years 1..9999): counted and stored like the pipeline's own quarantine, so the totals and the quarantine
    /// table tell the whole story.
    /// </summary>
    public void Reject(ReadOnlySpan<byte> raw, string? pumpId, long? timestamp, QuarantineReason reason, string detail)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(reason, QuarantineReason.None);
        ArgumentNullException.ThrowIfNull(detail);
        Counters.Records++;
        Counters.Quarantine(reason);
        _sink.OnQuarantined(raw, pumpId, timestamp, reason, detail);
    }

    /// <summary>The pumps seen so far.</summary>
    public IEnumerable<string> KnownPumps => _windower.Pumps;

    /// <summary>A pump's typical time between readings in microseconds (0 before its second reading).</summary>
    public long SamplingIntervalMicros(string pumpId) => _windower.SamplingIntervalMicros(pumpId);

    /// <summary>The window size the pipeline was built with.</summary>
    public TimeSpan WindowSize => _options.Windows.Size;

    /// <summary>
    /// Processes a batch of raw records in order and returns what happened: each record's outcome, the windows closed
    /// and alert events raised while processing it, and the batch's counts. Results also reach the pipeline's sink.
    /// </summary>
    /// <param name="records">The batch, in arrival order.</param>
    /// <param name="referenceMicros">Now, for the future-skew check; <see cref="long.MaxValue"/> for replay.</param>
    /// <param name="closeWindows">
    /// Close and score every open window after the last record: the host's window is over (a Lambda's final invoke
    /// for its tumbling window, or one Lambda terminated early), or the input has ended.
    /// </param>
    /// <param name="arrival">
    /// The host's own window that this batch's readings join whatever their event time (a Kinesis tumbling window,
    /// bounds from arrival times); null assigns windows by event time and closes them as event time moves on.
    /// </param>
    /// <param name="outcomes">
    /// The list that receives the per-record outcomes (cleared first) and becomes <see cref="BatchResult.Records"/>: a
    /// host that keeps one across batches pays nothing per record for it. Null: a new list.
    /// </param>
    public BatchResult ProcessBatch(IReadOnlyList<RawRecord> records, long referenceMicros, bool closeWindows = false, ArrivalWindow? arrival = null,
        List<RecordOutcome>? outcomes = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var count = records.Count;
        if (outcomes is null)
        {
            outcomes = new List<RecordOutcome>(count);
        }
        else
        {
            outcomes.Clear();
            outcomes.EnsureCapacity(count);
        }

        var batch = new BatchResult { Records = outcomes };
        var (accepted, duplicates, quarantined) = (Counters.Accepted, Counters.Duplicates, Counters.Quarantined);
        _batch = batch;
        _windower.Arrival = arrival;
        try
        {
            // Indexed rather than foreach: an interface's enumerator would be one more allocation per batch.
            for (var i = 0; i < count; i++)
            {
                var record = records[i];
                var status = Process(record.Data.Span, referenceMicros);
                outcomes.Add(status == ReadingStatus.Quarantined
                    ? new RecordOutcome(record.RecordId, status, _lastOutcome.Reason, _lastOutcome.Detail)
                    : new RecordOutcome(record.RecordId, status, QuarantineReason.None, null));
            }

            if (closeWindows)
            {
                if (arrival is not null && _silentAfterMicros > 0)
                {
                    JudgeSilence();
                }

                CloseAllWindows();
            }
        }
        finally
        {
            _batch = null;
            _windower.Arrival = null;
        }

        batch.Accepted = Counters.Accepted - accepted;
        batch.Duplicates = Counters.Duplicates - duplicates;
        batch.Quarantined = Counters.Quarantined - quarantined;
        return batch;
    }

    /// <summary>
    /// Forgets every pump's window, level drift and alert state, the stream time, the silence checks, the alert filter and the
    /// counters: afterwards the pipeline behaves as a new one with the same options and model, but keeps its pools (panes,
    /// windows, timestamp arrays), its sensor catalog and its pump-id table, so a host that starts every invocation from
    /// imported state (the Lambda) allocates them once per container, not per invocation. A catalog that grew beyond
    /// the options' sensors is kept too; a host that needs exactly a new pipeline's catalog checks
    /// <see cref="SensorCatalog.Count"/>.
    /// </summary>
    public void ResetState()
    {
        _windower.Reset();
        _drift.Clear();
        _alertStates.Clear();
        AlertFilter = null;
        _nextSilenceCheck = long.MinValue;
        _lastOutcome = default;
        _batch = null;
        Counters.Reset();
    }

    /// <summary>The pumps with window state in this pipeline.</summary>
    public IEnumerable<string> StatePumps => _windower.Pumps;

    /// <summary>
    /// Everything a later pipeline needs to carry on a pump's windows (open aggregates, the timestamps that detect
    /// duplicates, what is late) as one string, for a host that keeps state between invocations; null for an unknown
    /// pump. Alert state is kept apart (<see cref="AlertStates"/>), since a host may store it elsewhere.
    /// </summary>
    /// <remarks>
    /// With a per-pump baselines model the pump's level drift (<see cref="LevelDrift"/>) follows the window state after
    /// a <see cref="DriftSeparator"/>, so a host that carries the string (the Lambda) scores as one long-running pipeline does.
    /// </remarks>
    public string? ExportWindowState(string pumpId) =>
        _windower.SaveState(pumpId) is not { } windows ? null
        : _drift.TryGetValue(pumpId, out var drift) ? windows + DriftSeparator + drift.Encode() : windows;

    /// <summary>Restores a pump's windows (and level drift) from <see cref="ExportWindowState"/>.</summary>
    /// <exception cref="FormatException">The text is not a state this version wrote.</exception>
    /// <remarks>A drift of another version is dropped (the pump's drift starts again from 0), as is one of another model when it scores.</remarks>
    public void ImportWindowState(string pumpId, string state)
    {
        ArgumentNullException.ThrowIfNull(pumpId);
        ArgumentNullException.ThrowIfNull(state);
        var split = state.IndexOf(DriftSeparator, StringComparison.Ordinal);
        _windower.LoadState(pumpId, split < 0 ? state : state[..split]);
        _drift.Remove(pumpId);
        if (split >= 0 && LevelDrift.TryDecode(state[(split + 1)..]) is { } drift)
        {
            _drift[pumpId] = drift;
        }
    }

    /// <summary>Separates a pump's window state from its level drift in <see cref="ExportWindowState"/> (not in base64's alphabet).</summary>
    public const char DriftSeparator = '~';

    private WindowResult Capture(WindowAggregate window)
    {
        long first = long.MaxValue, last = long.MinValue;
        for (var i = 0; i < window.Width; i++)
        {
            ref readonly var sensor = ref window.Sensor(i);
            if (sensor.Count > 0)
            {
                first = Math.Min(first, sensor.FirstTime);
                last = Math.Max(last, sensor.LastTime);
            }
        }

        return new WindowResult(_scored.PumpId, _scored.Start, _scored.End, first, last, _scored.Count, _scored.Complete,
            _scored.Score, _scored.IsolationScore, _scored.Threshold, _scored.ModelId, (double[])_scored.Features.Clone());
    }

    /// <summary>Closes every open window of every pump and scores it (end of input). Not to be confused with a store's Flush, which makes writes durable.</summary>
    public void CloseAllWindows()
    {
        _windower.CloseAll();
        EmitClosed();
    }

    /// <summary>Restores a pump's alert state (hosts that persist it).</summary>
    public void SetAlertState(string pumpId, AlertState state) => _alertStates[pumpId] = state;

    private ReadingStatus Admit(ParsedReading reading, ReadOnlySpan<byte> raw)
    {
        switch (_windower.Add(reading))
        {
            case WindowAdmission.Duplicate:
                Counters.Duplicates++;
                return ReadingStatus.Duplicate;
            case WindowAdmission.Late:
                _lastOutcome = new(QuarantineReason.Late, "behind the allowed lateness");
                Counters.Quarantine(QuarantineReason.Late);
                _sink.OnQuarantined(raw, reading.PumpId, reading.Timestamp, QuarantineReason.Late,
                    $"more than {_options.Windows.AllowedLateness.TotalSeconds:0.###} s behind pump {reading.PumpId}'s newest reading");
                return ReadingStatus.Quarantined;
        }

        Counters.Accepted++;
        Counters.IgnoredFields += reading.IgnoredFields;
        Counters.NumbersFromText += reading.NumbersFromText;
        _sink.OnReading(reading);
        if (_windower.Closed.Count > 0)
        {
            EmitClosed();
        }

        // With the host's arrival windows, silence is judged once per window, when the host closes it (ProcessBatch).
        if (_silentAfterMicros > 0 && _windower.Arrival is null)
        {
            if (_windower.SilentCount > 0 && _windower.TryResume(reading.PumpId, out var silentSince))
            {
                EmitSilence(AlertEventKind.PumpResumed, reading.PumpId, silentSince, reading.Timestamp);
            }

            if (_windower.StreamTime >= _nextSilenceCheck)
            {
                FindSilentPumps();
                _nextSilenceCheck = _windower.StreamTime + SilenceCheckMicros;
            }
        }

        return ReadingStatus.Accepted;
    }

    // Once per arrival window: pumps heard from again resume (as of their newest reading), then silent ones are found.
    private void JudgeSilence()
    {
        if (_windower.SilentCount > 0)
        {
            foreach (var pump in _windower.Pumps)
            {
                if (_windower.TryResume(pump, out var silentSince))
                {
                    EmitSilence(AlertEventKind.PumpResumed, pump, silentSince, _windower.NewestReading(pump) ?? silentSince);
                }
            }
        }

        FindSilentPumps();
    }

    private void FindSilentPumps()
    {
        foreach (var pump in _windower.Pumps)
        {
            if (_windower.IdleMicros(pump) >= _silentAfterMicros && _windower.MarkSilent(pump))
            {
                EmitSilence(AlertEventKind.PumpSilent, pump, _windower.NewestReading(pump) ?? _windower.StreamTime, _windower.StreamTime);
            }
        }
    }

    private void EmitSilence(AlertEventKind kind, string pump, long silentSince, long at)
    {
        var minutes = _options.PumpSilentAfter.TotalMinutes.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        var context = kind == AlertEventKind.PumpSilent
            ? $"no reading from this pump for at least {minutes} min of stream time while other pumps kept reporting: check the pump, its sensors and its link"
            : null;
        Counters.Alerts++;
        var alert = new Alert(Alert.SilenceIdFor(pump, silentSince), kind, pump,
            kind == AlertEventKind.PumpSilent ? AlertSeverity.Critical : AlertSeverity.Warning,
            silentSince, at, double.NaN, double.NaN, _model?.ModelId ?? "", [], context);
        _sink.OnAlert(alert);
        _batch?.Alerts.Add(alert);
    }

    private void EmitClosed()
    {
        foreach (var window in _windower.Closed)
        {
            Emit(window);
        }

        _windower.Release();
    }

    private void Emit(WindowAggregate window)
    {
        Counters.Windows++;
        if (_featureSensorsFor != Catalog.Count)
        {
            _options.Features.Resolve(Catalog, _featureSensors);
            _featureSensorsFor = Catalog.Count;
        }

        _options.Features.Compute(window, Catalog, _featureSensors, _scored.Features);
        _scored.PumpId = window.PumpId;
        _scored.Start = window.Start;
        _scored.End = window.End;
        _scored.Count = window.Count;
        _scored.ExpectedCount = _windower.ExpectedReadings(window.PumpId);
        _scored.Complete = !(window.Count < _options.MinWindowCoverage * _scored.ExpectedCount);
        if (!_scored.Complete)
        {
            Counters.PartialWindows++;
        }

        var model = _model;
        if (model is null || !_scored.Complete)
        {
            _scored.Score = double.NaN;
            _scored.IsolationScore = double.NaN;
            _scored.Threshold = double.NaN;
            _scored.ModelId = null;
            _sink.OnWindow(_scored);
            _batch?.Windows.Add(Capture(window));
            return;
        }

        for (var i = 0; i < _modelColumns.Length; i++)
        {
            _modelInput[i] = _scored.Features[_modelColumns[i]];
        }

        // A pump's level drift (per-pump baselines only) is taken off its residuals, and follows the windows below the threshold.
        var drift = model.Baselines is null ? null : Drift(window.PumpId, model);
        var span = TimeSpan.FromMicroseconds(window.End - window.Start);
        _scored.Score = model.ScoreWindow(_modelInput, window.PumpId, window.Start, drift, span, _residuals, out var isolation);
        if (drift is not null && _scored.Score < model.Threshold.Value)
        {
            drift.Follow(model.Baselines!.Layout, _residuals, span);
        }

        _scored.IsolationScore = isolation;
        _scored.Threshold = model.Threshold.Value;
        _scored.ModelId = model.ModelId;
        _sink.OnWindow(_scored);
        _batch?.Windows.Add(Capture(window));

        // A stopped pump or a window holding a start, a stop or a set-point step is not scored (NaN): the alert policy
        // neither counts it for nor against an alert.
        if (double.IsNaN(_scored.Score) || (AlertFilter is { } filter && !filter(_scored)))
        {
            return;
        }

        var state = _alertStates.TryGetValue(window.PumpId, out var existing) ? existing : AlertState.Initial;
        var decision = _policy.Evaluate(ref state, window.End, _scored.Score, _scored.Threshold);
        _alertStates[window.PumpId] = state;
        if (decision is { } d)
        {
            Counters.Alerts++;
            var alert = BuildAlert(d, model);
            _sink.OnAlert(alert);
            _batch?.Alerts.Add(alert);
        }
    }

    private LevelDrift Drift(string pumpId, AnomalyModel model)
    {
        if (!_drift.TryGetValue(pumpId, out var drift) || drift.ModelId != model.ModelId || drift.Offsets.Length != model.Features.Count)
        {
            _drift[pumpId] = drift = new LevelDrift(model.ModelId, model.Features.Count);
        }

        return drift;
    }

    private Alert BuildAlert(AlertDecision decision, AnomalyModel model)
    {
        string? Unit(string sensor) => Catalog.TryGetIndex(sensor, out var i) ? Catalog[i].Unit : null;
        var top = model.TopContributions(_modelInput, _scored.PumpId, _scored.Start, DriftOf(_scored.PumpId), 3).Select(c => c with { Unit = FeatureUnits.Of(c.Feature, Unit) }).ToList();

        // The ISO 10816 line only where vibration is part of the evidence, in the vibration sensor's own unit.
        string? context = null;
        var vibration = _options.Features.IndexOf($"{TutorialSensors.Vibration}.mean");
        if (vibration >= 0 && double.IsFinite(_scored.Features[vibration])
            && top.Exists(c => c.Feature.StartsWith(TutorialSensors.Vibration + ".", StringComparison.Ordinal)))
        {
            context = VibrationZone.Describe(_scored.Features[vibration], Unit(TutorialSensors.Vibration) ?? "");
        }

        var hint = decision.Kind == AlertEventKind.Resolved ? null : LikelyCause.Describe(Deviation(model));
        return new Alert(Alert.IdFor(_scored.PumpId, decision.OpenedAt), decision.Kind, _scored.PumpId, decision.Severity,
            _scored.Start, _scored.End, _scored.Score, _scored.Threshold, model.ModelId, top, context, hint);
    }

    // How far a feature lies from its baseline, for the likely-cause hint: against the model's training mean and
    // standard deviation, or with baselines against the pump's own (a level's residual for its mean, its spread for its
    // spread; flow has no residual of its own, as a load change moves it).
    private Func<string, double> Deviation(AnomalyModel model)
    {
        if (model.Baselines is null)
        {
            return feature =>
            {
                var i = IndexOf(model.Features, feature);
                return i < 0 || !(model.Training.FeatureStd[i] > 0) ? double.NaN : (_modelInput[i] - model.Training.FeatureMean[i]) / model.Training.FeatureStd[i];
            };
        }

        var z = new double[model.Features.Count];
        model.Residuals(_modelInput, _scored.PumpId, _scored.Start, DriftOf(_scored.PumpId), z, out _);
        return feature =>
        {
            var dot = feature.LastIndexOf('.');
            if (dot < 0)
            {
                return double.NaN;
            }

            var sensor = feature[..dot];
            var residual = feature[(dot + 1)..] switch
            {
                "mean" => IndexOf(model.Features, $"{sensor}.residual_z") is var r and >= 0 ? r : IndexOf(model.Features, $"{sensor}.recent_level_z"),
                "std" or "range" or "max" => IndexOf(model.Features, $"{sensor}.spread_z"),
                _ => -1,
            };
            return residual < 0 ? double.NaN : z[residual];
        };
    }

    private LevelDrift? DriftOf(string pumpId) => _drift.TryGetValue(pumpId, out var drift) ? drift : null;

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
