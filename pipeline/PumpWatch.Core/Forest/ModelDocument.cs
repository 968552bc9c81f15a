using System.Text.Json.Serialization;

namespace PumpWatch.Core.Forest;

/// <summary>The JSON shape of a model artifact (schema <see cref="ModelArtifact.Schema"/>).</summary>
internal sealed class ModelDocument
{
    public string Schema { get; set; } = "";

    public string ModelId { get; set; } = "";

    public DateTimeOffset? Created { get; set; }

    public string FeatureSetVersion { get; set; } = "";

    public string[] Features { get; set; } = [];

    public ScalerDocument Scaler { get; set; } = new();

    public ForestDocument Forest { get; set; } = new();

    public ThresholdDocument Threshold { get; set; } = new();

    public TrainingDocument Training { get; set; } = new();

    public EnvelopeDocument Envelope { get; set; } = new();

    /// <summary>Absent for tabular models (and models written before it existed).</summary>
    public InputDocument? Input { get; set; }

    /// <summary>Per-pump baselines (schema 2); absent for tabular models and schema 1.</summary>
    public BaselinesDocument? Baselines { get; set; }

    /// <summary>The alert budget's calibration (schema 2); absent when none was made.</summary>
    public CalibrationDocument? Calibration { get; set; }
}

internal sealed class BaselinesDocument
{
    public string Version { get; set; } = "";

    public string[] Sensors { get; set; } = [];

    public bool Daily { get; set; }

    public PumpBaselineDocument Fleet { get; set; } = new();

    /// <summary>One entry per trained pump, in ordinal order of the pump id (so the content id is stable).</summary>
    public PumpBaselineDocument[] Pumps { get; set; } = [];
}

internal sealed class PumpBaselineDocument
{
    /// <summary>Null for the fleet baseline.</summary>
    public string? Pump { get; set; }

    public double RunningFlow { get; set; }

    public double RunningPressure { get; set; }

    public int Windows { get; set; }

    public double[][] Coefficients { get; set; } = [];

    public double[] Center { get; set; } = [];

    public double[] Scale { get; set; } = [];
}

internal sealed class CalibrationDocument
{
    public int K { get; set; }

    public int N { get; set; }

    public double Threshold { get; set; }

    public double BudgetPerPumpDay { get; set; }

    public int CalibrationAlerts { get; set; }

    public double CalibrationPumpDays { get; set; }

    public double ExpectedPerPumpDay { get; set; }
}

internal sealed class InputDocument
{
    public double WindowSeconds { get; set; }

    /// <summary>Seconds between window ends; 0 for one window per reading.</summary>
    public double HopSeconds { get; set; }

    public double LatenessSeconds { get; set; }

    public SensorDocument[] Sensors { get; set; } = [];

    /// <summary><c>COLUMN=SENSOR</c> renames used to read the training data, or the sensor columns as given.</summary>
    public string[] SensorColumns { get; set; } = [];
}

internal sealed class SensorDocument
{
    public string Name { get; set; } = "";

    public string Unit { get; set; } = "";

    public double Min { get; set; }

    public double Max { get; set; }
}

internal sealed class EnvelopeDocument
{
    public double DeadZone { get; set; }

    public double HalfDistance { get; set; }
}

internal sealed class ScalerDocument
{
    public string Kind { get; set; } = "";

    public double[] Center { get; set; } = [];

    public double[] Scale { get; set; } = [];
}

internal sealed class ForestDocument
{
    public int Trees { get; set; }

    public int SampleSize { get; set; }

    public int HeightLimit { get; set; }

    public int Seed { get; set; }

    /// <summary>Each tree in preorder: <c>f</c> the split feature or -1 for a leaf, <c>v</c> the split value (0 for a leaf), <c>n</c> the training rows that reached the node.</summary>
    public TreeDocument[] Nodes { get; set; } = [];
}

internal sealed class TreeDocument
{
    [JsonPropertyName("f")]
    public int[] F { get; set; } = [];

    [JsonPropertyName("v")]
    public double[] V { get; set; } = [];

    [JsonPropertyName("n")]
    public int[] N { get; set; } = [];
}

internal sealed class ThresholdDocument
{
    public double Value { get; set; }

    public string Method { get; set; } = "";

    public double? TargetFalseAlarmRate { get; set; }
}

internal sealed class TrainingDocument
{
    public long Rows { get; set; }

    public DateTimeOffset? From { get; set; }

    public DateTimeOffset? To { get; set; }

    public Dictionary<string, double> ScoreQuantiles { get; set; } = [];

    public double[] FeatureMean { get; set; } = [];

    public double[] FeatureStd { get; set; } = [];

    public double[] FeatureMin { get; set; } = [];

    public double[] FeatureMax { get; set; } = [];
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModelDocument))]
internal sealed partial class ModelJsonContext : JsonSerializerContext;
