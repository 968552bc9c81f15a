using PumpWatch.Core.Alerts;
using PumpWatch.Core.Features;
using PumpWatch.Core.Readings;
using PumpWatch.Core.Windows;

namespace PumpWatch.Core.Processing;

/// <summary>Everything the detection pipeline is configured with, built once by the host.</summary>
public sealed record PipelineOptions(
    WindowOptions Windows,
    ValidationOptions Validation,
    AlertPolicyOptions Alerts,
    FeatureSet Features,
    IReadOnlyList<SensorSpec> Sensors)
{
    /// <summary>One-minute tumbling windows, 5 s lateness, default validation and alert policy, every feature of the four tutorial sensors.</summary>
    public static PipelineOptions Default { get; } = new(
        WindowOptions.Tumbling(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5)),
        ValidationOptions.Default,
        AlertPolicyOptions.Default,
        FeatureSet.All(SensorSpec.Defaults.Select(s => s.Name)),
        SensorSpec.Defaults);
}
