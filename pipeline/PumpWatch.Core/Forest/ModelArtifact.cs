using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PumpWatch.Core.Alerts;
using PumpWatch.Core.Baselines;
using PumpWatch.Core.Readings;
using PumpWatch.Core.Windows;

namespace PumpWatch.Core.Forest;

/// <summary>
/// Reads and writes a model as one versioned JSON document: schema, model id (content hash), created time,
/// feature names, scaler, trees in compact preorder arrays, threshold with its calibration, training summary
/// (rows, time range, score quantiles, per-feature mean, std, min, max), the envelope's dead zone, and for window
/// models the input settings (<see cref="ModelInput"/>: windows, sensors, column mapping).
/// Uses source-generated JSON only, so the Lambda can load models under Native AOT.
/// </summary>
public static class ModelArtifact
{
    /// <summary>
    /// The schema this build writes. 2 added per-pump baselines and the alert budget's calibration; a schema 1 model
    /// (written before them) still loads and scores as it did, against its fleet-wide training range with the alert
    /// policy given on the command line (see <see cref="PreviousSchema"/>).
    /// </summary>
    public const string Schema = "pumpwatch.model/2";

    /// <summary>The earlier schema this build still reads: a model without baselines or calibration.</summary>
    public const string PreviousSchema = "pumpwatch.model/1";

    public static string ToJson(AnomalyModel model) => JsonSerializer.Serialize(ToDocument(model), ModelJsonContext.Default.ModelDocument);

    /// <summary>Parses a model document.</summary>
    /// <exception cref="ModelMismatchException">Not JSON, another schema, or inconsistent content; the message says which.</exception>
    public static AnomalyModel FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ModelDocument? doc;
        try
        {
            doc = JsonSerializer.Deserialize(json, ModelJsonContext.Default.ModelDocument);
        }
        catch (JsonException e)
        {
            throw new ModelMismatchException($"model is not valid JSON: {e.Message.ReplaceLineEndings(" ")}", e);
        }

        if (doc is null)
        {
            throw new ModelMismatchException("model document is empty");
        }

        if (doc.Schema != Schema && doc.Schema != PreviousSchema)
        {
            throw new ModelMismatchException($"model schema '{doc.Schema}' is not supported; this build reads '{Schema}' and '{PreviousSchema}'");
        }

        if (doc.Schema == PreviousSchema && (doc.Baselines is not null || doc.Calibration is not null))
        {
            throw new ModelMismatchException($"model {doc.ModelId}: schema {PreviousSchema} has no baselines or calibration: the file was edited or damaged");
        }

        // An edited file may hold null where an array belongs: say so rather than fail on it.
        if (doc.Features is null || doc.Scaler?.Center is null || doc.Scaler.Scale is null || doc.Training?.FeatureMean is null
            || doc.Training.FeatureStd is null || doc.Training.FeatureMin is null || doc.Training.FeatureMax is null
            || doc.Forest?.Nodes is null || doc.Threshold is null || doc.Envelope is null || doc.Training.ScoreQuantiles is null)
        {
            throw new ModelMismatchException($"model {doc.ModelId}: a required part is missing: the file was edited or damaged");
        }

        var width = doc.Features.Length;
        if (width == 0 || doc.Scaler.Center.Length != width || doc.Scaler.Scale.Length != width
            || doc.Training.FeatureMean.Length != width || doc.Training.FeatureStd.Length != width
            || doc.Training.FeatureMin.Length != width || doc.Training.FeatureMax.Length != width)
        {
            throw new ModelMismatchException($"model {doc.ModelId}: scaler or baseline length does not match its {width} features");
        }

        if (!Enum.TryParse<ScalerKind>(doc.Scaler.Kind, ignoreCase: true, out var kind))
        {
            throw new ModelMismatchException($"model {doc.ModelId}: unknown scaler kind '{doc.Scaler.Kind}'");
        }

        var forest = ReadForest(doc, width);
        var threshold = new Threshold(doc.Threshold.Value, doc.Threshold.Method, doc.Threshold.TargetFalseAlarmRate);
        var training = new TrainingSummary(doc.Training.Rows, doc.Training.From, doc.Training.To,
            new SortedDictionary<string, double>(doc.Training.ScoreQuantiles, StringComparer.Ordinal), doc.Training.FeatureMean, doc.Training.FeatureStd,
            doc.Training.FeatureMin, doc.Training.FeatureMax);
        if (!(doc.Envelope.DeadZone >= 0) || !(doc.Envelope.HalfDistance > 0))
        {
            throw new ModelMismatchException($"model {doc.ModelId}: envelope dead zone {doc.Envelope.DeadZone} and half distance {doc.Envelope.HalfDistance} are not valid");
        }

        var envelope = new TrainingEnvelope(training.FeatureMin, training.FeatureMax, training.FeatureStd, doc.Envelope.DeadZone, doc.Envelope.HalfDistance);
        var model = new AnomalyModel(doc.ModelId, doc.Created ?? default, doc.FeatureSetVersion, doc.Features,
            new FeatureScaler(kind, doc.Scaler.Center, doc.Scaler.Scale), forest, doc.Forest.Seed, threshold, training, envelope);
        if (doc.Input is { } input)
        {
            model = model.WithInput(ReadInput(input, doc.ModelId));
        }

        if (doc.Baselines is { } baselines)
        {
            model = model.WithBaselines(ReadBaselines(baselines, doc.Features, doc.ModelId), ReadCalibration(doc.Calibration, doc.ModelId));
        }
        else if (doc.Calibration is not null)
        {
            throw new ModelMismatchException($"model {doc.ModelId}: a calibration without baselines: the file was edited or damaged");
        }

        var expected = ContentId(model, doc.Schema);
        if (expected != doc.ModelId)
        {
            throw new ModelMismatchException($"model id {doc.ModelId} does not match its content ({expected}): the file was edited or damaged");
        }

        // A schema 1 model keeps the id it was written with (its hash covers its own schema name).
        model.ModelId = doc.ModelId;

        return model;
    }

    private static ModelInput ReadInput(InputDocument input, string modelId)
    {
        // An edited file may hold null where a list or a name belongs: say so rather than fail on it.
        if (input.Sensors is null || input.SensorColumns is null || input.Sensors.Any(s => s?.Name is null || s.Unit is null))
        {
            throw new ModelMismatchException($"model {modelId}: its input settings are incomplete: the file was edited or damaged");
        }

        try
        {
            var size = TimeSpan.FromSeconds(input.WindowSeconds);
            var lateness = TimeSpan.FromSeconds(input.LatenessSeconds);
            var windows = input.HopSeconds == 0 ? WindowOptions.Trailing(size, lateness)
                : input.HopSeconds == input.WindowSeconds ? WindowOptions.Tumbling(size, lateness)
                : WindowOptions.Hopping(size, TimeSpan.FromSeconds(input.HopSeconds), lateness);
            return new ModelInput(windows, input.Sensors.Select(s => new SensorSpec(s.Name, s.Unit, s.Min, s.Max)).ToList(), input.SensorColumns);
        }
        catch (Exception e) when (e is ArgumentException or OverflowException)
        {
            throw new ModelMismatchException($"model {modelId}: its window settings are not valid: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }

    private static InputDocument? WriteInput(ModelInput? input) => input is null ? null : new InputDocument
    {
        WindowSeconds = input.Windows.Size.TotalSeconds,
        HopSeconds = input.Windows.PerReading ? 0 : input.Windows.Hop.TotalSeconds,
        LatenessSeconds = input.Windows.AllowedLateness.TotalSeconds,
        Sensors = input.Sensors.Select(s => new SensorDocument { Name = s.Name, Unit = s.Unit, Min = s.Min, Max = s.Max }).ToArray(),
        SensorColumns = input.SensorColumns.ToArray(),
    };

    private static PumpBaselines ReadBaselines(BaselinesDocument doc, string[] features, string modelId)
    {
        if (doc.Sensors is null || doc.Fleet is null || doc.Pumps is null || doc.Pumps.Any(p => p?.Pump is null))
        {
            throw new ModelMismatchException($"model {modelId}: its baselines are incomplete: the file was edited or damaged");
        }

        // Version 1 computed layouts with a flow sensor as version 2 does (and such models still record it); it never
        // trained one without a flow sensor, whose levels version 2 changed.
        var layout = new ResidualLayout(doc.Sensors, doc.Daily);
        if (doc.Version != layout.DefinitionVersion)
        {
            throw new ModelMismatchException($"model {modelId} was trained on residual features {doc.Version}, this build computes {layout.DefinitionVersion} for sensors {string.Join(", ", layout.Sensors)}: train it again");
        }

        if (!layout.Names.SequenceEqual(features))
        {
            throw new ModelMismatchException($"model {modelId}: its baselines' residual features do not match its features");
        }

        var pumps = new Dictionary<string, PumpBaseline>(StringComparer.Ordinal);
        foreach (var pump in doc.Pumps)
        {
            pumps[pump.Pump!] = ReadBaseline(pump, layout, modelId);
        }

        return new PumpBaselines(layout, ReadBaseline(doc.Fleet, layout, modelId), pumps);
    }

    private static PumpBaseline ReadBaseline(PumpBaselineDocument doc, ResidualLayout layout, string modelId)
    {
        var n = layout.Residuals.Count;
        var ok = doc.Coefficients is not null && doc.Center is not null && doc.Scale is not null
            && doc.Coefficients.Length == n && doc.Center.Length == n && doc.Scale.Length == n
            && Enumerable.Range(0, n).All(r => doc.Coefficients[r] is { } c
                && c.Length == (layout.Residuals[r].Kind switch { ResidualKind.Level => layout.CoefficientCount(r), ResidualKind.Spread => ResidualLayout.SpreadRegressors, _ => 0 })
                && doc.Scale[r] > 0);
        if (!ok)
        {
            throw new ModelMismatchException($"model {modelId}: the baseline of {doc.Pump ?? "the fleet"} does not match its residual features");
        }

        return new PumpBaseline(doc.RunningFlow, doc.RunningPressure, doc.Coefficients!, doc.Center!, doc.Scale!, doc.Windows);
    }

    private static AlertCalibration? ReadCalibration(CalibrationDocument? doc, string modelId)
    {
        if (doc is null)
        {
            return null;
        }

        var calibration = new AlertCalibration(doc.K, doc.N, doc.Threshold, doc.BudgetPerPumpDay, doc.CalibrationAlerts, doc.CalibrationPumpDays, doc.ExpectedPerPumpDay);
        return new AlertPolicyOptions(calibration.K, calibration.N).Problem() is { } problem
            ? throw new ModelMismatchException($"model {modelId}: its calibrated alert policy is not valid: {problem}")
            : calibration;
    }

    private static BaselinesDocument? WriteBaselines(PumpBaselines? baselines) => baselines is null ? null : new BaselinesDocument
    {
        Version = baselines.Layout.DefinitionVersion,
        Sensors = baselines.Layout.Sensors.ToArray(),
        Daily = baselines.Layout.Daily,
        Fleet = WriteBaseline(null, baselines.Fleet),
        Pumps = baselines.Pumps.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => WriteBaseline(p.Key, p.Value)).ToArray(),
    };

    private static PumpBaselineDocument WriteBaseline(string? pump, PumpBaseline baseline) => new()
    {
        Pump = pump,
        RunningFlow = baseline.RunningFlow,
        RunningPressure = baseline.RunningPressure,
        Windows = baseline.Windows,
        Coefficients = baseline.Coefficients.Select(c => c.ToArray()).ToArray(),
        Center = baseline.Center.ToArray(),
        Scale = baseline.Scale.ToArray(),
    };

    /// <summary>"if-" and the first 16 hex digits of SHA-256 over the document without id and created time.</summary>
    internal static string ContentId(AnomalyModel model, string schema = Schema)
    {
        var doc = ToDocument(model);
        doc.Schema = schema;
        doc.ModelId = "";
        doc.Created = null;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(doc, ModelJsonContext.Default.ModelDocument);
        return "if-" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
    }

    private static ModelDocument ToDocument(AnomalyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var forest = model.Forest;
        var trees = new TreeDocument[forest.TreeCount];
        var nodes = forest.Nodes;
        for (var t = 0; t < trees.Length; t++)
        {
            var start = forest.Roots[t];
            var end = t + 1 < trees.Length ? forest.Roots[t + 1] : nodes.Length;
            var f = new int[end - start];
            var v = new double[end - start];
            var n = new int[end - start];
            for (var i = start; i < end; i++)
            {
                f[i - start] = nodes[i].Feature;
                v[i - start] = nodes[i].Feature < 0 ? 0 : nodes[i].Value;
                n[i - start] = nodes[i].Size;
            }

            trees[t] = new TreeDocument { F = f, V = v, N = n };
        }

        return new ModelDocument
        {
            Schema = Schema,
            ModelId = model.ModelId,
            Created = model.Created,
            FeatureSetVersion = model.FeatureSetVersion,
            Features = model.Features.ToArray(),
            Scaler = new ScalerDocument { Kind = model.Scaler.Kind.ToString().ToLowerInvariant(), Center = model.Scaler.Center.ToArray(), Scale = model.Scaler.Scale.ToArray() },
            Forest = new ForestDocument { Trees = forest.TreeCount, SampleSize = forest.SampleSize, HeightLimit = forest.HeightLimit, Seed = model.Seed, Nodes = trees },
            Input = WriteInput(model.Input),
            Threshold = new ThresholdDocument { Value = model.Threshold.Value, Method = model.Threshold.Method, TargetFalseAlarmRate = model.Threshold.TargetFalseAlarmRate },
            Training = new TrainingDocument
            {
                Rows = model.Training.Rows,
                From = model.Training.From,
                To = model.Training.To,
                ScoreQuantiles = new Dictionary<string, double>(model.Training.ScoreQuantiles, StringComparer.Ordinal),
                FeatureMean = model.Training.FeatureMean.ToArray(),
                FeatureStd = model.Training.FeatureStd.ToArray(),
                FeatureMin = model.Training.FeatureMin.ToArray(),
                FeatureMax = model.Training.FeatureMax.ToArray(),
            },
            Envelope = new EnvelopeDocument { DeadZone = model.Envelope.DeadZone, HalfDistance = model.Envelope.HalfDistance },
            Baselines = WriteBaselines(model.Baselines),
            Calibration = model.Calibration is { } c ? new CalibrationDocument
            {
                K = c.K, N = c.N, Threshold = c.Threshold, BudgetPerPumpDay = c.BudgetPerPumpDay,
                CalibrationAlerts = c.CalibrationAlerts, CalibrationPumpDays = c.CalibrationPumpDays, ExpectedPerPumpDay = c.ExpectedPerPumpDay,
            } : null,
        };
    }

    private static IsolationForest ReadForest(ModelDocument doc, int width)
    {
        if (doc.Forest.SampleSize < 1 || doc.Forest.Nodes.Length == 0)
        {
            throw new ModelMismatchException($"model {doc.ModelId}: forest has no trees");
        }

        var nodes = new List<IsolationForest.Node>();
        var roots = new int[doc.Forest.Nodes.Length];
        for (var t = 0; t < roots.Length; t++)
        {
            var tree = doc.Forest.Nodes[t];
            if (tree.F.Length == 0 || tree.F.Length != tree.V.Length || tree.F.Length != tree.N.Length)
            {
                throw new ModelMismatchException($"model {doc.ModelId}: tree {t} is malformed");
            }

            roots[t] = nodes.Count;
            var offset = nodes.Count;
            var next = ReadNode(tree, 0, 0, offset, width, nodes, doc.ModelId, t);
            if (next != tree.F.Length)
            {
                throw new ModelMismatchException($"model {doc.ModelId}: tree {t} has {tree.F.Length - next} unreachable nodes");
            }
        }

        return new IsolationForest(nodes.ToArray(), roots, width, doc.Forest.SampleSize);
    }

    private static int ReadNode(TreeDocument tree, int i, int depth, int offset, int width, List<IsolationForest.Node> nodes, string id, int t)
    {
        if (i >= tree.F.Length || depth > 64)
        {
            throw new ModelMismatchException($"model {id}: tree {t} is truncated");
        }

        var feature = tree.F[i];
        var size = tree.N[i];
        if (size < 1)
        {
            throw new ModelMismatchException($"model {id}: tree {t} has a node of size {size}");
        }

        if (feature < 0)
        {
            nodes.Add(new IsolationForest.Node(-1, -1, depth + PathLength.Average(size), size));
            return i + 1;
        }

        if (feature >= width)
        {
            throw new ModelMismatchException($"model {id}: tree {t} splits on feature {feature} of {width}");
        }

        var self = nodes.Count;
        nodes.Add(default);
        var right = ReadNode(tree, i + 1, depth + 1, offset, width, nodes, id, t);
        var end = ReadNode(tree, right, depth + 1, offset, width, nodes, id, t);
        nodes[self] = new IsolationForest.Node(feature, offset + right, tree.V[i], size);
        return end;
    }
}
