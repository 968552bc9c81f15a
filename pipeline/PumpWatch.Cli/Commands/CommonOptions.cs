using System.CommandLine;
using System.Globalization;
using PumpWatch.Cli.Input;
using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;
using PumpWatch.Core.Windows;

namespace PumpWatch.Cli.Commands;

/// <summary>Options shared by train, score and backtest: CSV layout, windows, and forest settings.</summary>
internal sealed class CommonOptions
{
    public Option<string?> Delimiter { get; } = new("--delimiter") { Description = "CSV delimiter (\\t for tab); default ',', or ';' with --decimal-comma, tab for .tsv" };
    public Option<bool> DecimalComma { get; } = new("--decimal-comma") { Description = "Numbers in the CSV use a decimal comma (66,677 is 66.677), as European exports do; the delimiter then defaults to ';'" };
    public Option<bool> Strict { get; } = new("--strict") { Description = "A sensor cell that is not a number (#N/A, Bad) or a time outside years 1..9999 stops the run, instead of being quarantined" };
    public Option<TimeSpan> DeadSensorAfter { get; } = Durations.Option("--dead-sensor-after",
        "Report a sensor of a CSV with no numeric value (empty, NA or text) for at least this long; 0 reports none", CsvReadingOptions.DefaultDeadSensorAfter);
    public Option<string> TimeColumn { get; } = new("--time-column") { Description = "CSV time column", DefaultValueFactory = _ => "timestamp" };
    public Option<string> TimeFormat { get; } = new("--time-format") { Description = "iso, epoch_s, epoch_ms, or a .NET format such as 'yyyy-MM-dd HH:mm:ss' (UTC)", DefaultValueFactory = _ => "iso" };
    public Option<string> PumpColumn { get; } = new("--pump-column") { Description = "CSV pump id column", DefaultValueFactory = _ => "pump_id" };
    public Option<string?> Pump { get; } = new("--pump") { Description = "Fixed pump id for a CSV without a pump column" };
    public Option<string?> Sensors { get; } = new("--sensors") { Description = "Comma-separated sensor columns, each optionally COLUMN=SENSOR to rename, e.g. temp_c=temperature,press=pressure (default: every other numeric column, named as in the file)" };
    public Option<TimeSpan> Window { get; } = Durations.Option("--window", "Window size", TimeSpan.FromMinutes(1));
    public Option<string?> Hop { get; } = new("--hop") { Description = $"Hop between windows ({Durations.Help}), or 'reading' for a window ending at every reading; default: tumbling" };
    public Option<double> MinCoverage { get; } = new("--min-coverage")
    {
        Description = "Score a window only when it holds at least this share of the readings its pump's sampling interval implies (0..1; default 0.5; 0 scores every window)",
        DefaultValueFactory = _ => PipelineOptions.Default.MinWindowCoverage,
    };

    public Option<string[]> SensorRanges { get; } = new("--sensor-range")
    {
        Description = "Physical range of a sensor, NAME=MIN:MAX[:UNIT]; values outside are quarantined (repeatable; defaults: temperature -40:250 degC, pressure 0:2000 psi, flow_rate 0:5000 US gal/min, vibration 0:100 mm/s)",
    };

    public Option<int> Trees { get; } = new("--trees") { Description = "Isolation trees (t)", DefaultValueFactory = _ => 100 };
    public Option<int> MaxSamples { get; } = new("--max-samples") { Description = "Subsample per tree (psi, capped at the rows)", DefaultValueFactory = _ => 256 };
    public Option<int> Seed { get; } = new("--seed") { Description = "Forest seed", DefaultValueFactory = _ => 42 };
    public Option<string> Scaler { get; } = new("--scaler") { Description = "standard or robust", DefaultValueFactory = _ => "standard" };
    public Option<double> FalseAlarmRate { get; } = new("--false-alarm-rate") { Description = "Calibrate the threshold so this share of training rows would alarm", DefaultValueFactory = _ => 0.01 };
    public Option<double?> Threshold { get; } = new("--threshold") { Description = "Fixed anomaly-score threshold in (0, 1) instead of calibrating" };
    public Option<double> FalseAlertsPerPumpDay { get; } = new("--false-alerts-per-pump-day")
    {
        Description = "Alert budget of a window model: training chooses the threshold with the k-of-n policy so the held-out last quarter of the healthy period raises at most this many alerts per pump-day (pumps with a flow sensor; --tabular uses --false-alarm-rate)",
        DefaultValueFactory = _ => 0.1,
    };

    public Option<double> EnvelopeSd { get; } = new("--envelope-sd") { Description = "Raise a window's score once a feature lies this many training standard deviations beyond anything seen in training", DefaultValueFactory = _ => TrainingEnvelope.DefaultDeadZone };

    /// <summary>An ISO-8601 time from a flag, or null when the flag was not given.</summary>
    public static long? ParseTime(string? text, string flag) =>
        text is null ? null
        : EventTime.TryParseIso(System.Text.Encoding.UTF8.GetBytes(text), out var micros) ? micros
        : throw new UserError($"{flag} '{text}' is not an ISO-8601 time");

    /// <summary>Options about readings (CSV columns, windows, sensors) that a tabular run has no use for.</summary>
    public IEnumerable<Option> ReadingsOnly => [TimeColumn, TimeFormat, PumpColumn, Pump, Sensors, Strict, DeadSensorAfter, Window, Hop, MinCoverage, SensorRanges];

    /// <summary>
    /// Refuses the first of <paramref name="options"/> given on the command line: one line naming it, rather than
    /// running as if it had not been given. Defaults do not count (<c>Implicit</c>), only what the user typed.
    /// </summary>
    public static void Refuse(ParseResult parse, string why, IEnumerable<Option> options)
    {
        ArgumentNullException.ThrowIfNull(parse);
        foreach (var option in options)
        {
            if (parse.GetResult(option) is { Implicit: false })
            {
                throw new UserError($"{option.Name} {why}");
            }
        }
    }

    public void AddCsv(Command command)
    {
        foreach (var option in new Option[] { Delimiter, DecimalComma, TimeColumn, TimeFormat, PumpColumn, Pump, Sensors, Strict, DeadSensorAfter })
        {
            command.Options.Add(option);
        }
    }

    public void AddWindows(Command command)
    {
        command.Options.Add(Window);
        command.Options.Add(Hop);
        command.Options.Add(MinCoverage);
        command.Options.Add(SensorRanges);
    }

    public void AddForest(Command command)
    {
        foreach (var option in new Option[] { Trees, MaxSamples, Seed, Scaler, FalseAlarmRate, FalseAlertsPerPumpDay, Threshold, EnvelopeSd })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The --delimiter given, or null for the default of the file type and decimal mark (<see cref="CsvReadingOptions.DelimiterFor"/>).</summary>
    public char? DelimiterOf(ParseResult parse)
    {
        var text = parse.GetValue(Delimiter);
        return text switch
        {
            null => null,
            "\\t" or "tab" => '\t',
            { Length: 1 } => text[0],
            _ => throw new UserError($"--delimiter '{text}' must be one character (or \\t)"),
        };
    }

    /// <summary>The <c>--sensors</c> entries as given, or the model's when none are given and the model records some.</summary>
    public string[]? SensorColumnsOf(ParseResult parse, AnomalyModel? model = null) =>
        parse.GetValue(Sensors)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        ?? (model?.Input is { SensorColumns.Count: > 0 } input ? input.SensorColumns.ToArray() : null);

    /// <summary>What a model trained under these options records about its input (<see cref="ModelInput"/>).</summary>
    public ModelInput ModelInputOf(ParseResult parse, PipelineOptions options) => new(options.Windows, options.Sensors, SensorColumnsOf(parse) ?? []);

    /// <summary>
    /// The pipeline options a model scores under: its own windows and sensors, unless the user gave them explicitly, in
    /// which case they must agree (one line naming both otherwise): a model applied to other windows scores windows it
    /// was never trained on, and silently alarms on most of them.
    /// </summary>
    public PipelineOptions ApplyModel(ParseResult parse, PipelineOptions options, AnomalyModel model, string modelPath, TextWriter notes)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Input is not { } input)
        {
            return options;
        }

        if (parse.GetResult(Window) is { Implicit: false } || parse.GetResult(Hop) is { Implicit: false })
        {
            if (input.WindowMismatch(options.Windows) is { } mismatch)
            {
                throw new UserError($"{mismatch} ({modelPath}, model {model.ModelId}); leave out --window and --hop to use the model's");
            }
        }
        else if (input.WindowMismatch(options.Windows) is not null)
        {
            notes.WriteLine($"Using model {model.ModelId}'s windows: {ModelInput.Describe(input.Windows)}.");
        }

        if (parse.GetResult(SensorRanges) is { Implicit: false } && input.SensorMismatch(options.Sensors) is { } sensors)
        {
            throw new UserError($"--sensor-range: {sensors} ({modelPath}, model {model.ModelId})");
        }

        return options with { Windows = input.Windows, Sensors = SensorSpec.Apply(options.Sensors, input.Sensors) };
    }

    public CsvReadingOptions Csv(ParseResult parse, string? labelColumn = null, AnomalyModel? model = null)
    {
        var entries = SensorColumnsOf(parse, model);
        var columns = entries?.Select(e => e.Split('=', 2)[0].Trim()).ToList();
        Dictionary<string, string>? rename = null;
        foreach (var entry in entries ?? [])
        {
            var parts = entry.Split('=', 2);
            if (parts.Length == 2)
            {
                var (column, sensor) = (parts[0].Trim(), parts[1].Trim());
                if (column.Length == 0 || sensor.Length == 0)
                {
                    throw new UserError($"--sensors '{entry}' must be COLUMN or COLUMN=SENSOR");
                }

                // A rename says "this column is that sensor": a name that is no known sensor is most likely a typo
                // (temprature), and would silently lose the range check and the unit; a new sensor needs its unit.
                var known = SensorSpecs(parse.GetValue(SensorRanges) ?? []);
                if (!known.Any(k => k.Name == sensor && (k.Unit.Length > 0 || SensorSpec.Defaults.Any(d => d.Name == sensor))))
                {
                    throw new UserError($"--sensors '{entry}': '{sensor}' is not a known sensor ({string.Join(", ", known.Select(k => k.Name))}); "
                        + $"for a new sensor give its range and unit with --sensor-range {sensor}=MIN:MAX:UNIT");
                }

                (rename ??= new(StringComparer.Ordinal))[column] = sensor;
            }
        }

        return new(DelimiterOf(parse), parse.GetValue(TimeColumn)!, parse.GetValue(TimeFormat)!, parse.GetValue(PumpColumn)!, parse.GetValue(Pump),
            columns, labelColumn, rename)
        {
            DecimalComma = parse.GetValue(DecimalComma),
            Strict = parse.GetValue(Strict),
            DeadSensorAfter = parse.GetValue(DeadSensorAfter),
        };
    }

    /// <summary>
    /// Pipeline options and model features for an input: every feature of its sensors in the store, and the model
    /// features <see cref="FeatureSet.ModelDefaultFor"/> chooses for them.
    /// </summary>
    public (PipelineOptions Options, FeatureSet Model) ForInput(ParseResult parse, string path, CsvReadingOptions csv, AlertOptions? alerts = null)
    {
        var options = Pipeline(parse, alerts);
        var sensors = ReadingFiles.SensorNamesOf(path, csv);
        if (sensors is null)
        {
            return (options, FeatureSet.ModelDefault);
        }

        var model = FeatureSet.ModelDefaultFor(sensors);
        return ReferenceEquals(model, FeatureSet.ModelDefault) ? (options, model) : (options with { Features = FeatureSet.All(sensors) }, model);
    }

    /// <summary>Windows and sensor ranges from the flags; alert policy and silence from <paramref name="alerts"/> where the verb raises alerts.</summary>
    public PipelineOptions Pipeline(ParseResult parse, AlertOptions? alerts = null)
    {
        var size = parse.GetValue(Window);
        var hop = parse.GetValue(Hop);
        try
        {
            var windows = hop switch
            {
                null => WindowOptions.Tumbling(size),
                "reading" => WindowOptions.Trailing(size),
                _ when Durations.TryParse(hop, out var h) => WindowOptions.Hopping(size, h),
                _ => throw new UserError($"--hop '{hop}' is neither {Durations.Help} nor 'reading'"),
            };
            var coverage = parse.GetValue(MinCoverage);
            if (!(coverage is >= 0 and <= 1))
            {
                throw new UserError($"--min-coverage {coverage} must be between 0 and 1");
            }

            var options = PipelineOptions.Default with { Windows = windows, Sensors = SensorSpecs(parse.GetValue(SensorRanges) ?? []), MinWindowCoverage = coverage };
            return alerts is null ? options : alerts.Apply(parse, options);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new UserError($"--window {size} / --hop {hop}: {e.Message.Split(Environment.NewLine)[0].Split(" (Parameter")[0]}");
        }
    }

    /// <summary>The default sensor specs with each NAME=MIN:MAX[:UNIT] applied (replacing a default or adding a sensor).</summary>
    public static IReadOnlyList<SensorSpec> SensorSpecs(IEnumerable<string> ranges)
    {
        var overrides = new List<SensorSpec>();
        foreach (var text in ranges)
        {
            if (!SensorSpec.TryParseRange(text, SensorSpec.Defaults, out var spec, out var problem))
            {
                throw new UserError($"--sensor-range {problem}");
            }

            overrides.Add(spec);
        }

        return SensorSpec.Apply(SensorSpec.Defaults, overrides);
    }

    public TrainingOptions Training(ParseResult parse)
    {
        var scaler = parse.GetValue(Scaler) switch
        {
            "standard" => ScalerKind.Standard,
            "robust" => ScalerKind.Robust,
            var other => throw new UserError($"--scaler '{other}' must be standard or robust"),
        };
        var trees = parse.GetValue(Trees);
        var samples = parse.GetValue(MaxSamples);
        var rate = parse.GetValue(FalseAlarmRate);
        var threshold = parse.GetValue(Threshold);
        if (trees < 1 || samples < 2)
        {
            throw new UserError($"--trees {trees} must be >= 1 and --max-samples {samples} >= 2");
        }

        if (!(rate > 0 && rate < 1))
        {
            throw new UserError($"--false-alarm-rate {rate} must be in (0, 1)");
        }

        if (threshold is { } t && !(t > 0 && t < 1))
        {
            throw new UserError($"--threshold {t} must be in (0, 1)");
        }

        var envelope = parse.GetValue(EnvelopeSd);
        if (!(envelope >= 0))
        {
            throw new UserError($"--envelope-sd {envelope} must be >= 0");
        }

        var budget = parse.GetValue(FalseAlertsPerPumpDay);
        if (!(budget > 0) || double.IsInfinity(budget))
        {
            throw new UserError($"--false-alerts-per-pump-day {budget} must be a positive number");
        }

        return new TrainingOptions(new ForestOptions(trees, samples, parse.GetValue(Seed)), scaler, rate, threshold, envelope) { FalseAlertsPerPumpDay = budget };
    }
}
