using PumpWatch.Core.Features;
using PumpWatch.Core.Forest;
using PumpWatch.Core.Processing;
using PumpWatch.Core.Readings;

namespace PumpWatch.Function;

/// <summary>The pipeline a model scores under in the function: its own windows and sensors, and every feature of its sensors.</summary>
public static class ModelPipeline
{
    /// <summary>The options for <paramref name="model"/>, or null when the model does not record its windows and sensors (trained by an older version).</summary>
    public static PipelineOptions? For(AnomalyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Input is not { } input)
        {
            return null;
        }

        var sensors = SensorSpec.Apply(PipelineOptions.Default.Sensors, input.Sensors);
        return PipelineOptions.Default with { Windows = input.Windows, Sensors = sensors, Features = FeatureSet.All(sensors.Select(s => s.Name)) };
    }
}
